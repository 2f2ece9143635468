package io.smecredit.ingestion.telemetry.mqtt;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.ingestion.support.MqttGateway;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two ingestion instances share the subscription with persistent sessions, one is gone for good: the real Mosquitto
 * keeps routing part of the messages to the departed session; retiring it stores them and deletes the session.
 * Each test has a share group of its own, so the service's own test subscriber does not take part.
 */
@QuarkusTest
class MqttSessionRetirementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Vertx vertx;

    @Inject
    MqttIntakeConfig config;

    private MqttTelemetryClient.Settings live;
    private MqttTelemetryClient.Settings departed;
    private MqttTelemetryClient liveInstance;

    @BeforeEach
    void twoMembersOfOneShareGroup() {
        TestSmes.registerFixed(MqttGateway.IT_SME, "m-1", "m-2");
        String group = "$share/it-retire-" + UUID.randomUUID() + "/" + MqttGateway.IT_TOPIC;
        live = config.settings().withClientId("it-live-" + UUID.randomUUID()).withSession(false).withTopic(group);
        departed = live.withClientId("it-departed-" + UUID.randomUUID());
    }

    @AfterEach
    void forgetTheSessions() throws Exception {
        if (liveInstance != null) {
            liveInstance.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        for (MqttTelemetryClient.Settings session : List.of(live, departed)) {
            sessionPresentOnConnect(session, true);
        }
    }

    @Test
    void theDepartedSessionsShareIsStoredAndTheSessionDeleted() throws Exception {
        subscribeThenLeaveForGood(departed);
        Received byLive = new Received();
        liveInstance = new MqttTelemetryClient(vertx, live, byLive::store);
        liveInstance.start();
        await().atMost(WAIT).until(liveInstance::isSubscribed);

        List<String> eventIds = IntStream.range(0, 20).mapToObj(i -> "mq-retire-" + UUID.randomUUID()).toList();
        try (MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
            for (String eventId : eventIds) {
                gateway.publish(MqttGateway.IT_TOPIC, event(eventId));
            }
        }
        await().atMost(WAIT).until(() -> byLive.count() > 0);

        Received byRetirement = new Received();
        MqttSessionRetirement.Outcome outcome = MqttSessionRetirement.retire(vertx, departed, byRetirement::store,
                Duration.ofSeconds(1), WAIT).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(outcome.sessionFound()).isTrue();
        assertThat(outcome.messagesStored()).as("the broker had routed part of the messages to the departed session")
                .isPositive().isEqualTo(byRetirement.count());
        await().atMost(WAIT).until(() -> union(byLive, byRetirement).containsAll(eventIds));
        assertThat(byLive.count() + byRetirement.count()).isEqualTo(eventIds.size());

        assertThat(sessionPresentOnConnect(departed, false)).as("the departed session is deleted").isFalse();
    }

    @Test
    void retiringAnIdWithoutASessionLeavesNoneBehind() throws Exception {
        MqttSessionRetirement.Outcome outcome = MqttSessionRetirement.retire(vertx, departed,
                (topic, payload, acknowledgeable) -> CompletableFuture.completedFuture(null), Duration.ofSeconds(1), WAIT)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(outcome.sessionFound()).isFalse();
        assertThat(outcome.messagesStored()).isZero();
        assertThat(sessionPresentOnConnect(departed, false)).isFalse();
    }

    @Test
    void aMessageThatCannotBeStoredStaysInTheSessionAndTheRetirementFails() throws Exception {
        subscribeThenLeaveForGood(departed);
        String eventId = "mq-retire-unstored-" + UUID.randomUUID();
        try (MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
            gateway.publish(MqttGateway.IT_TOPIC, event(eventId)); // the only member is offline: it goes to its session
        }

        CompletableFuture<MqttSessionRetirement.Outcome> retirement = MqttSessionRetirement.retire(vertx, departed,
                (topic, payload, acknowledgeable) -> CompletableFuture.failedFuture(new IllegalStateException("Kafka down")),
                Duration.ofSeconds(1), WAIT).toCompletableFuture();

        assertThat(retirement).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("could not be stored");
        Received redelivered = new Received();
        liveInstance = new MqttTelemetryClient(vertx, departed, redelivered::store);
        liveInstance.start();
        await().atMost(WAIT).until(() -> redelivered.eventIds().contains(eventId));
    }

    @Test
    void operatorsRetireThroughTheApiButNeverTheServicesOwnSession() {
        given().auth().oauth2(Tokens.operator())
                .delete("/api/v1/mqtt/sessions/{clientId}", departed.clientId())
                .then().statusCode(200)
                .body("clientId", equalTo(departed.clientId()))
                .body("sessionFound", equalTo(false))
                .body("messagesStored", equalTo(0));
        given().auth().oauth2(Tokens.operator())
                .delete("/api/v1/mqtt/sessions/{clientId}", config.settings().clientId())
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.operator())
                .delete("/api/v1/mqtt/sessions/{clientId}", "bad id!")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.gateway())
                .delete("/api/v1/mqtt/sessions/{clientId}", departed.clientId())
                .then().statusCode(403).contentType("application/problem+json");
    }

    /** An instance that subscribed with a persistent session, then went away for good. */
    private void subscribeThenLeaveForGood(MqttTelemetryClient.Settings session) throws Exception {
        MqttClient gone = client(session, false);
        done(gone.connect(session.port(), session.host()).toCompletionStage());
        done(gone.subscribe(session.topic(), 1).toCompletionStage());
        done(gone.disconnect().toCompletionStage());
    }

    /** Connects and disconnects once under the session's id; with a clean session that deletes the session. */
    private boolean sessionPresentOnConnect(MqttTelemetryClient.Settings session, boolean cleanSession) throws Exception {
        MqttClient probe = client(session, cleanSession);
        boolean present = done(probe.connect(session.port(), session.host()).toCompletionStage()).isSessionPresent();
        done(probe.disconnect().toCompletionStage());
        return present;
    }

    private MqttClient client(MqttTelemetryClient.Settings session, boolean cleanSession) {
        return MqttClient.create(vertx, new MqttClientOptions().setClientId(session.clientId())
                .setUsername(session.username()).setPassword(session.password()).setCleanSession(cleanSession));
    }

    private static <T> T done(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Set<String> union(Received a, Received b) {
        Set<String> all = new HashSet<>(a.eventIds());
        all.addAll(b.eventIds());
        return all;
    }

    private static String event(String eventId) {
        String at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        return TestSmes.event(eventId, MqttGateway.IT_SME, "m-1", at, 60, 0, 0, 1, 0, 1);
    }

    /** A handler that "stores" by remembering each message's event id. */
    private static final class Received {
        private final List<String> texts = new CopyOnWriteArrayList<>();

        java.util.concurrent.CompletionStage<?> store(String topic, byte[] payload, java.util.function.BooleanSupplier ack) {
            texts.add(new String(payload, StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(null);
        }

        int count() {
            return texts.size();
        }

        Set<String> eventIds() {
            Set<String> ids = new HashSet<>();
            texts.forEach(text -> ids.add(text.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1")));
            return ids;
        }
    }
}
