package io.smecredit.loan.report;

import io.smecredit.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Publishes score events the way the scoring service does: keyed by SME id, JSON with asOf as an ISO-8601
 * string. The JSON is written by hand so the test pins the wire format rather than a shared serialiser.
 */
final class ScorePublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    ScorePublisher() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    void publish(String smeId, double pd, int score, String grade, String modelVersion, Instant asOf) {
        String json = String.format(Locale.ROOT,
                "{\"smeId\":\"%s\",\"pd\":%s,\"score\":%d,\"grade\":\"%s\",\"modelVersion\":\"%s\",\"asOf\":\"%s\"}",
                smeId, pd, score, grade, modelVersion, asOf);
        publishRaw(smeId, json);
    }

    void publishRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SCORES.name(), key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + Topics.SCORES.name(), e);
        }
    }

    /** A fresh SME id whose records land on the same partition as {@code smeId}'s, i.e. are consumed after them. */
    static String freshSmeIdOnSamePartitionAs(String smeId) {
        int partition = partitionOf(smeId);
        while (true) {
            String candidate = "it-" + UUID.randomUUID().toString().substring(0, 12);
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    static String freshSmeId() {
        return "it-" + UUID.randomUUID().toString().substring(0, 12);
    }

    // Kafka's default partitioner for keyed records.
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.SCORES.partitions();
    }

    @Override
    public void close() {
        producer.close();
    }
}
