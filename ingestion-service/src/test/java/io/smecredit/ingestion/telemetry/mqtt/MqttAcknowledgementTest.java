package io.smecredit.ingestion.telemetry.mqtt;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.MqttGateway;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.TopicProbe;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT intake acknowledges a message only once it is stored, so a message the service received but had not stored
 * when it went away is redelivered by the real Mosquitto of the test infrastructure. Each test's subscriber has the
 * production shape — persistent session, shared subscription (a group of its own, so the service's own test
 * subscriber's copy does not interfere) — and stops and reconnects with the same client id like a restarted service.
 */
@QuarkusTest
class MqttAcknowledgementTest {

    private static final String SME = MqttGateway.IT_SME;
    private static final String TOPIC = MqttGateway.IT_TOPIC;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Vertx vertx;

    @Inject
    MqttIntakeConfig config;

    @Inject
    MqttTelemetryConsumer consumer;

    private final List<MqttTelemetryClient> subscribers = new ArrayList<>();
    private MqttTelemetryClient.Settings settings;

    @BeforeEach
    void persistentSession() {
        TestSmes.registerFixed(SME, "m-1", "m-2");
        settings = config.settings()
                .withClientId("it-ack-" + UUID.randomUUID())
                .withSession(false)
                .withTopic("$share/it-ack-" + UUID.randomUUID() + "/" + TOPIC)
                .withDrainTimeout(Duration.ofMillis(200));
    }

    @AfterEach
    void forgetTheSession() throws Exception {
        for (MqttTelemetryClient subscriber : subscribers) {
            subscriber.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        // Connecting once with a clean session makes the broker drop the persistent session and its queue.
        MqttClient cleaner = MqttClient.create(vertx, new MqttClientOptions().setClientId(settings.clientId())
                .setUsername(settings.username()).setPassword(settings.password()).setCleanSession(true));
        cleaner.connect(settings.port(), settings.host()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        cleaner.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMessageWhoseStoreNeverFinishedIsRedeliveredAndOnceStoredIsNot() throws Exception {
        String eventId = "mq-ack-" + UUID.randomUUID();
        Received first = new Received();
        // Kafka never answers: the service stops while the message is still being stored.
        MqttTelemetryClient stalled = subscribe((topic, payload, acknowledgeable) -> {
            first.add(payload);
            return new CompletableFuture<Void>();
        });
        publish(event(eventId));
        await().atMost(WAIT).until(() -> first.containsText(eventId));
        stop(stalled);

        assertRedeliveredThenStoredOnce(eventId);
    }

    @Test
    void aMessageWhoseStoreFailedIsRedeliveredAfterTheSubscriberGoesAway() throws Exception {
        String eventId = "mq-ack-failed-" + UUID.randomUUID();
        Received first = new Received();
        MqttTelemetryClient failing = subscribe((topic, payload, acknowledgeable) -> {
            first.add(payload);
            return CompletableFuture.failedFuture(new IllegalStateException("Kafka did not acknowledge"));
        });
        publish(event(eventId));
        await().atMost(WAIT).until(() -> first.containsText(eventId));
        await().atMost(WAIT).until(() -> failing.unacknowledged() == 0);
        stop(failing);

        assertRedeliveredThenStoredOnce(eventId);
    }

    @Test
    void storedAcceptedEventsDeadLettersAndUnreadableMessagesAreAcknowledged() throws Exception {
        String valid = "mq-ack-valid-" + UUID.randomUUID();
        String mismatched = "mq-ack-mismatch-" + UUID.randomUUID();
        String unreadable = "not json " + UUID.randomUUID();
        try (TopicProbe telemetry = TopicProbe.fromEnd(Topics.TELEMETRY.name());
             TopicProbe deadLetters = TopicProbe.fromEnd(Topics.TELEMETRY_DEAD_LETTER.name())) {
            MqttTelemetryClient service = subscribe(consumer::store);
            publish(event(valid));
            publish(TestSmes.event(mismatched, "sme-001", "m-1", recent(), 60, 0, 0, 1, 0, 1));
            publish(unreadable);

            await().atMost(WAIT).until(() -> contains(telemetry.pollKey(SME), valid));
            await().atMost(WAIT).until(() -> contains(deadLetters.poll(), mismatched)
                    && contains(deadLetters.poll(), unreadable));
            await().atMost(WAIT).until(() -> service.unacknowledged() == 0);
            stop(service);
        }

        Received next = new Received();
        subscribe((topic, payload, acknowledgeable) -> {
            next.add(payload);
            return CompletableFuture.completedFuture(null);
        });
        String marker = "mq-ack-marker-" + UUID.randomUUID();
        publish(event(marker));
        // The broker sends a session's unacknowledged messages first on reconnection: had any of the three not been
        // acknowledged, it would arrive before the marker.
        await().atMost(WAIT).until(() -> next.containsText(marker));
        assertThat(next.texts()).noneMatch(text -> text.contains(valid) || text.contains(mismatched)
                || text.contains(unreadable));
    }

    /** The same session reconnects: the message comes again; stored and acknowledged now, it does not a third time. */
    private void assertRedeliveredThenStoredOnce(String eventId) throws Exception {
        Received second = new Received();
        MqttTelemetryClient restarted = subscribe((topic, payload, acknowledgeable) -> {
            second.add(payload);
            return CompletableFuture.completedFuture(null);
        });
        await().atMost(WAIT).until(() -> second.containsText(eventId));
        await().atMost(WAIT).until(() -> restarted.unacknowledged() == 0);
        stop(restarted);

        Received third = new Received();
        subscribe((topic, payload, acknowledgeable) -> {
            third.add(payload);
            return CompletableFuture.completedFuture(null);
        });
        String marker = "mq-ack-marker-" + UUID.randomUUID();
        publish(event(marker));
        await().atMost(WAIT).until(() -> third.containsText(marker));
        assertThat(third.texts()).noneMatch(text -> text.contains(eventId));
    }

    private MqttTelemetryClient subscribe(MqttTelemetryClient.MessageHandler handler) {
        MqttTelemetryClient subscriber = new MqttTelemetryClient(vertx, settings, handler);
        subscribers.add(subscriber);
        subscriber.start();
        await().atMost(WAIT).until(subscriber::isSubscribed);
        return subscriber;
    }

    private static void stop(MqttTelemetryClient subscriber) throws Exception {
        subscriber.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void publish(String payload) throws Exception {
        try (MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
            gateway.publish(TOPIC, payload);
        }
    }

    private static String event(String eventId) {
        return TestSmes.event(eventId, SME, "m-1", recent(), 60, 0, 0, 1, 0, 1);
    }

    private static boolean contains(List<ConsumerRecord<String, String>> records, String text) {
        return records.stream().anyMatch(record -> record.value().contains(text));
    }

    private static String recent() {
        return Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static final class Received {
        private final List<String> texts = new CopyOnWriteArrayList<>();

        void add(byte[] payload) {
            texts.add(new String(payload, StandardCharsets.UTF_8));
        }

        boolean containsText(String text) {
            return texts.stream().anyMatch(received -> received.contains(text));
        }

        List<String> texts() {
            return List.copyOf(texts);
        }
    }
}
