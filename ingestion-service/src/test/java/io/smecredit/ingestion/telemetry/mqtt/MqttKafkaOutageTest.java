package io.smecredit.ingestion.telemetry.mqtt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.MqttGateway;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.TopicProbe;
import io.smecredit.ingestion.telemetry.outage.KafkaOutageTest;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The whole MQTT path (real store: validation, Kafka with acks=all) while Kafka is down, on the dedicated broker of
 * {@link KafkaOutageTest}: the message is not acknowledged, the service stops with it unstored, and the same session
 * gets it again and stores it once Kafka is back. Acknowledged on receipt, it would be gone.
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.OwnBroker.class)
class MqttKafkaOutageTest {

    private static final String SME = MqttGateway.IT_SME;
    private static final String TOPIC = MqttGateway.IT_TOPIC;

    @Inject
    Vertx vertx;

    @Inject
    MqttIntakeConfig config;

    @Inject
    MqttTelemetryConsumer consumer;

    @Test
    void aMessageKafkaCannotTakeStaysWithTheBrokerAcrossAStopAndIsStoredOnceKafkaIsBack() throws Exception {
        TestSmes.registerFixed(SME, "m-1");
        String eventId = "mq-outage-" + UUID.randomUUID();
        MqttTelemetryClient.Settings settings = config.settings()
                .withClientId("it-outage-" + UUID.randomUUID())
                .withSession(false)
                .withTopic("$share/it-outage-" + UUID.randomUUID() + "/" + TOPIC)
                .withDrainTimeout(Duration.ofMillis(200));
        try {
            KafkaOutageTest.BrokerResource.broker.crash();
            try {
                MqttTelemetryClient before = start(settings);
                try (MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
                    gateway.publish(TOPIC, TestSmes.event(eventId, SME, "m-1", recent(), 60, 0, 0, 1, 0, 1));
                }
                // Received, and kept unacknowledged while the store retries against the dead broker.
                await().atMost(Duration.ofSeconds(20)).until(() -> before.unacknowledged() == 1);
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                        .until(() -> before.unacknowledged() == 1);
                before.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
                // The stopped client's store gives up (its message can no longer be acknowledged) before Kafka
                // returns, so whatever reaches Kafka below came through the redelivery.
                await().atMost(Duration.ofSeconds(30)).until(() -> before.unacknowledged() == 0);
            } finally {
                KafkaOutageTest.BrokerResource.broker.restart();
            }

            try (TopicProbe telemetry = TopicProbe.fromEnd(Topics.TELEMETRY.name())) {
                MqttTelemetryClient after = start(settings);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> telemetry.pollKey(SME).stream().anyMatch(record -> record.value().contains(eventId)));
                await().atMost(Duration.ofSeconds(20)).until(() -> after.unacknowledged() == 0);
                after.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } finally {
            forgetSession(settings);
        }
    }

    private MqttTelemetryClient start(MqttTelemetryClient.Settings settings) {
        MqttTelemetryClient client = new MqttTelemetryClient(vertx, settings, consumer::store);
        client.start();
        await().atMost(Duration.ofSeconds(20)).until(client::isSubscribed);
        return client;
    }

    private void forgetSession(MqttTelemetryClient.Settings settings) throws Exception {
        MqttClient cleaner = MqttClient.create(vertx, new MqttClientOptions().setClientId(settings.clientId())
                .setUsername(settings.username()).setPassword(settings.password()).setCleanSession(true));
        cleaner.connect(settings.port(), settings.host()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        cleaner.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String recent() {
        return Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
