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
public final class ScorePublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private static volatile boolean consumersAssigned;

    /**
     * The service's test consumer group reads only records published after its partitions were assigned: publish
     * markers until one of each topic has arrived, so no test record is published too early.
     */
    public static synchronized void awaitServiceConsuming() {
        if (consumersAssigned) {
            return;
        }
        try (ScorePublisher publisher = new ScorePublisher()) {
            String marker = freshSmeId();
            org.awaitility.Awaitility.await("loan-service consumers assigned")
                    .atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofSeconds(1))
                    .until(() -> {
                        Instant now = Instant.now();
                        publisher.publish(marker, 0.1, 500, "E", "marker", now);
                        publisher.publishFeatures(marker, now, "{}");
                        return stored("sme_latest_score", marker) && stored("sme_latest_features", marker);
                    });
        }
        consumersAssigned = true;
    }

    private static boolean stored(String table, String smeId) throws java.sql.SQLException {
        try (java.sql.Connection c = io.smecredit.loan.Fixtures.connect();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " WHERE sme_id = ?")) {
            s.setString(1, smeId);
            return s.executeQuery().next();
        }
    }

    public ScorePublisher() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    public void publish(String smeId, double pd, int score, String grade, String modelVersion, Instant asOf) {
        String json = String.format(Locale.ROOT,
                "{\"smeId\":\"%s\",\"pd\":%s,\"score\":%d,\"grade\":\"%s\",\"modelVersion\":\"%s\",\"asOf\":\"%s\"}",
                smeId, pd, score, grade, modelVersion, asOf);
        publishRaw(smeId, json);
    }

    /** A score event with principal reasons, as the scoring service publishes them. */
    public void publishWithReasons(String smeId, int score, String grade, Instant asOf, String... featureValuePairs) {
        StringBuilder reasons = new StringBuilder("[");
        for (int i = 0; i < featureValuePairs.length; i += 2) {
            if (i > 0) {
                reasons.append(',');
            }
            reasons.append(String.format(Locale.ROOT,
                    "{\"feature\":\"%s\",\"value\":%s,\"contribution\":%s,\"textEn\":\"%s is weak\","
                            + "\"textZh\":\"%s 偏弱\"}",
                    featureValuePairs[i], featureValuePairs[i + 1], 0.5 - i * 0.05, featureValuePairs[i],
                    featureValuePairs[i]));
        }
        reasons.append(']');
        String json = String.format(Locale.ROOT,
                "{\"smeId\":\"%s\",\"pd\":0.05,\"score\":%d,\"grade\":\"%s\",\"modelVersion\":\"xgb-it-3\","
                        + "\"asOf\":\"%s\",\"reasons\":%s}",
                smeId, score, grade, asOf, reasons);
        publishRaw(smeId, json);
    }

    public void publishRaw(String key, String value) {
        publishRaw(Topics.SCORES.name(), key, value);
    }

    /** A feature vector as the ingestion service publishes it on the features topic. */
    public void publishFeatures(String smeId, Instant asOf, String featuresJson) {
        publishRaw(Topics.FEATURES.name(), smeId, String.format(Locale.ROOT,
                "{\"smeId\":\"%s\",\"asOf\":\"%s\",\"schemaVersion\":%d,\"features\":%s}", smeId, asOf,
                io.smecredit.contracts.FeatureDictionary.SCHEMA_VERSION, featuresJson));
    }

    private void publishRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
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
