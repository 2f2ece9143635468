package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.smecredit.common.kafka.TopicProvisioner;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.SmeProfile;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.DedicatedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feature engine (the real topology, exactly-once, RocksDB stores with changelogs) on a dedicated real broker that
 * is killed in the middle of the stream and restarted, while the gateway side keeps sending and retrying. Then the
 * engine itself is restarted on an empty disk, so its state (including the memory of seen event ids) must come back
 * from the changelogs. Every counted event carries one unit on one day, and a marker event without output on the next
 * day makes that day the last complete one: the feature output_units_per_day_7d of the marker's vector is therefore
 * exactly the number of distinct events counted.
 */
class BrokerRestartTest {

    private static final String SME = "restart-sme";
    private static final Instant DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant COUNTED_DAY = DAY.minus(Duration.ofDays(1));

    @TempDir
    Path work;

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void noEventIsLostOrCountedTwiceAcrossABrokerCrashAndAnEngineRestart() throws Exception {
        try (DedicatedKafkaBroker broker = DedicatedKafkaBroker.start(work.resolve("broker"))) {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), (short) 1,
                    List.of(Topics.TELEMETRY, Topics.FEATURES, Topics.SME_REGISTRY));
            try (KafkaProducer<String, Object> gateway = producer(broker);
                 KafkaConsumer<String, FeatureVector> features = consumer(broker)) {
                gateway.send(new ProducerRecord<>(Topics.SME_REGISTRY.name(), SME, new SmeProfile(SME, "Restart Ltd", "metal", "north"))).get();
                KafkaStreams engine = startEngine(broker, work.resolve("state-1"));
                try {
                    sendEvents(gateway, 0, 100);
                    awaitUnits(gateway, features, 100, 99);

                    broker.crash();
                    // Sent while the broker is down: send() may block until metadata is back, so from another thread.
                    java.util.concurrent.CompletableFuture<Void> duringOutage =
                            java.util.concurrent.CompletableFuture.runAsync(() -> sendEvents(gateway, 100, 200));
                    broker.restart();
                    duringOutage.get(120, java.util.concurrent.TimeUnit.SECONDS);
                    sendEvents(gateway, 50, 150);  // gateways retrying what they could not confirm
                    sendEvents(gateway, 200, 300);
                    gateway.flush();

                    // The marker is sent last: once its vector is out, everything before it was counted.
                    assertThat(awaitUnits(gateway, features, 300, 299)).isEqualTo(300.0);
                } finally {
                    engine.close(Duration.ofSeconds(20));
                }

                // A new engine instance on an empty disk restores every store from its changelog.
                KafkaStreams restarted = startEngine(broker, work.resolve("state-2"));
                try {
                    sendEvents(gateway, 0, 100);   // old ids again, after the restart
                    sendEvents(gateway, 300, 301);
                    assertThat(awaitUnits(gateway, features, 301, 300)).isEqualTo(301.0);
                } finally {
                    restarted.close(Duration.ofSeconds(20));
                }
            }
        }
    }

    /**
     * Sends a marker on the day after the counted one, newer than every earlier marker, waits for its vector and
     * returns the units counted on the (then complete) counted day.
     */
    private double awaitUnits(KafkaProducer<String, Object> gateway, KafkaConsumer<String, FeatureVector> features,
                              double atLeast, int markerIndex) {
        Instant lastEvent = DAY.plusSeconds(markerIndex);
        gateway.send(new ProducerRecord<>(Topics.TELEMETRY.name(), SME, new TelemetryEvent("restart-marker-" + markerIndex,
                SME, "m-0", lastEvent, new MachineMetrics(0, 10, 0, 0, 0, 0))));
        gateway.flush();
        List<FeatureVector> seen = new ArrayList<>();
        return await().atMost(Duration.ofSeconds(120)).until(() -> {
            features.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
            return seen.stream().filter(v -> v.asOf().equals(lastEvent))
                    .map(v -> v.features().get("output_units_per_day_7d")).reduce((a, b) -> b).orElse(null);
        }, units -> units != null && units >= atLeast);
    }

    private static void sendEvents(KafkaProducer<String, Object> gateway, int from, int to) {
        for (int i = from; i < to; i++) {
            TelemetryEvent event = new TelemetryEvent("restart-" + i, SME, "m-" + (i % 3), COUNTED_DAY.plusSeconds(i),
                    new MachineMetrics(10, 0, 0, 1, 0, 0.1));
            gateway.send(new ProducerRecord<>(Topics.TELEMETRY.name(), SME, event));
        }
    }

    private KafkaStreams startEngine(DedicatedKafkaBroker broker, Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "broker-restart-features");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        KafkaStreams streams = new KafkaStreams(FeatureTopology.build(mapper, Duration.ofDays(8), Duration.ofDays(7), Duration.ofMillis(100)), config);
        streams.setUncaughtExceptionHandler(error ->
                StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.start();
        return streams;
    }

    private KafkaProducer<String, Object> producer(DedicatedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000),
                new StringSerializer(), new ObjectMapperSerializer<>(mapper));
    }

    private KafkaConsumer<String, FeatureVector> consumer(DedicatedKafkaBroker broker) {
        KafkaConsumer<String, FeatureVector> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "broker-restart-probe",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ObjectMapperDeserializer<>(FeatureVector.class, mapper));
        consumer.subscribe(List.of(Topics.FEATURES.name()));
        return consumer;
    }
}
