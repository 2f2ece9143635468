package io.smecredit.ingestion.telemetry.outage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smecredit.ingestion.support.DedicatedKafkaBroker;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The gateway contract when Kafka is down: the intake answers 503 problem+json (nothing was acknowledged, so the
 * gateway keeps the batch and retries), and once the broker is back the same batch is accepted. The service runs
 * against a broker of its own, which the test kills and restarts; the shared test broker is never touched.
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.OwnBroker.class)
public class KafkaOutageTest {

    public static class OwnBroker implements QuarkusTestProfile {
        private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BrokerResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // A short acknowledgement timeout keeps the test quick; the feature engine gets its own id and state, as
            // its state from the shared broker would not match this one. The service's own MQTT subscriber listens
            // where nobody publishes: MqttKafkaOutageTest must be the only one storing its message.
            return Map.of(
                    "ingestion.telemetry.delivery-timeout", "4s",
                    "%test.ingestion.mqtt.topic", "factories/it-nobody/telemetry",
                    "%test.quarkus.kafka-streams.application-id", "ingestion-outage-it-" + RUN,
                    "%test.kafka-streams.state.dir", "target/kafka-streams-outage-" + RUN);
        }
    }

    public static class BrokerResource implements QuarkusTestResourceLifecycleManager {
        public static DedicatedKafkaBroker broker;

        @Override
        public Map<String, String> start() {
            try {
                broker = DedicatedKafkaBroker.start(Files.createTempDirectory("ingestion-outage-broker"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test's own Kafka broker", e);
            }
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                    "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
        }

        @Override
        public void stop() {
            try {
                broker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aBatchKafkaCannotTakeIs503ProblemAndTheSameBatchIsAcceptedOnceKafkaIsBack() throws Exception {
        String smeId = TestSmes.register("m-1");
        String recent = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS).toString();
        post("[" + TestSmes.event("before-" + UUID.randomUUID(), smeId, "m-1", recent, 60, 0, 0, 1, 0, 1) + "]")
                .then().statusCode(202).body("accepted", equalTo(1));

        String batch = "[" + TestSmes.event("during-" + UUID.randomUUID(), smeId, "m-1", recent, 60, 0, 0, 1, 0, 1) + "]";
        BrokerResource.broker.crash();
        try {
            post(batch).then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://sme-credit.dev/problems/dependency-unavailable"))
                    .body("status", equalTo(503));
        } finally {
            BrokerResource.broker.restart();
        }

        // The gateway's retry of the very same batch, as soon as the producer has reconnected.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(batch).statusCode(), status -> status == 202);
    }

    private static Response post(String body) {
        return given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/telemetry");
    }
}
