package io.smecredit.ingestion.telemetry.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.MqttGateway;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import io.smecredit.ingestion.support.TopicProbe;
import io.smecredit.testsupport.ManagementInterface;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * MQTT intake against the real Mosquitto of the test infrastructure, whose ACL binds the account gateway-it-mqtt to
 * factories/it-mqtt/telemetry (see infra/lib/mosquitto.sh).
 */
@QuarkusTest
class MqttIntakeTest {

    private static final String SME = MqttGateway.IT_SME;
    private static final String TOPIC = MqttGateway.IT_TOPIC;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void registerTheGatewaysSme() {
        TestSmes.registerFixed(SME, "m-1", "m-2");
    }

    @Test
    void anEventPublishedOnItsSmesTopicIsAcceptedLikeAnHttpOne() throws Exception {
        String eventId = "mq-" + UUID.randomUUID();
        try (TopicProbe telemetry = TopicProbe.fromEnd(Topics.TELEMETRY.name());
             MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
            gateway.publish(TOPIC, TestSmes.event(eventId, SME, "m-1", recent(), 60, 0, 0, 3, 0, 1));

            List<ConsumerRecord<String, String>> received = await().atMost(Duration.ofSeconds(20))
                    .until(() -> withEvent(telemetry.pollKey(SME), eventId), found -> !found.isEmpty());
            assertThat(received).singleElement().satisfies(record -> assertThat(record.value()).contains("\"unitsProduced\":3"));
        }
    }

    @Test
    void theBrokerDisconnectsAGatewayWhoseMessageIsTooBigForTheServiceAndTheIntakeCarriesOn() throws Exception {
        int limit = ConfigProvider.getConfig()
                .getValue("ingestion.mqtt.max-message-bytes", Integer.class);
        // The message after it is one the intake must answer with a dead letter (its event names another SME): it
        // shows the intake still handles messages, without a feature vector that other tests here would count.
        String eventId = "mq-after-oversize-" + UUID.randomUUID();
        try (TopicProbe deadLetters = TopicProbe.fromEnd(Topics.TELEMETRY_DEAD_LETTER.name())) {
            try (MqttGateway oversized = MqttGateway.connectAsItGateway(vertx)) {
                try {
                    oversized.publish(TOPIC, "[" + " ".repeat(limit + 1024) + "]");
                } catch (Exception refused) {
                    // Either the send or the disconnect comes first; the disconnect is what is asserted.
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> !oversized.isConnected());
            }
            try (MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
                gateway.publish(TOPIC, TestSmes.event(eventId, "sme-001", "m-1", recent(), 60, 0, 0, 2, 0, 1));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deadLetters.poll())
                        .anySatisfy(letter -> assertThat(letter.value()).contains(eventId).contains("topic_mismatch")));
            }
        }
    }

    @Test
    void invalidAndUnreadableMessagesGoToTheDeadLetterTopic() throws Exception {
        String mismatched = "mq-mismatch-" + UUID.randomUUID();
        String negative = "mq-negative-" + UUID.randomUUID();
        try (TopicProbe deadLetters = TopicProbe.fromEnd(Topics.TELEMETRY_DEAD_LETTER.name());
             MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
            gateway.publish(TOPIC, TestSmes.event(mismatched, "sme-001", "m-1", recent(), 60, 0, 0, 1, 0, 1));
            gateway.publish(TOPIC, TestSmes.event(negative, SME, "m-1", recent(), -60, 0, 0, 1, 0, 1));
            gateway.publish(TOPIC, "this is not json " + negative);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<String> letters = deadLetters.poll().stream().map(ConsumerRecord::value).toList();
                assertThat(letters).anySatisfy(value -> assertThat(value).contains(mismatched)
                        .contains("\"reason\":\"topic_mismatch\"").contains("\"channel\":\"mqtt\"")
                        .contains("\"source\":\"" + TOPIC + "\""));
                assertThat(letters).anySatisfy(value -> assertThat(value).contains(negative)
                        .contains("\"reason\":\"negative\""));
                assertThat(letters).anySatisfy(value -> assertThat(value).contains("this is not json " + negative)
                        .contains("\"reason\":\"malformed_json\"").contains("\"smeId\":\"" + SME + "\""));
            });
        }
        ManagementInterface.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "ingestion_telemetry_events_rejected_total{channel=\"mqtt\",reason=\"topic_mismatch\"}"));
    }

    @Test
    void theBrokerAclKeepsAGatewayOffAnotherSmesTopic() throws Exception {
        String foreign = "mq-foreign-" + UUID.randomUUID();
        String marker = "mq-marker-" + UUID.randomUUID();
        try (TopicProbe telemetry = TopicProbe.fromEnd(Topics.TELEMETRY.name());
             TopicProbe deadLetters = TopicProbe.fromEnd(Topics.TELEMETRY_DEAD_LETTER.name());
             MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
            // A perfectly valid sme-001 event, but this gateway may only publish under it-mqtt.
            gateway.publish("factories/sme-001/telemetry", TestSmes.event(foreign, "sme-001", "m-1", recent(), 60, 0, 0, 1, 0, 1));
            gateway.publish(TOPIC, TestSmes.event(marker, SME, "m-1", recent(), 60, 0, 0, 1, 0, 1));

            // The broker drops denied publishes silently: once the later marker has arrived, the foreign event would
            // have arrived before it (same connection, same subscriber), on one topic or the other.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> withEvent(telemetry.pollKey(SME), marker), found -> !found.isEmpty());
            assertThat(telemetry.poll()).noneSatisfy(record -> assertThat(record.value()).contains(foreign));
            assertThat(deadLetters.poll()).noneSatisfy(record -> assertThat(record.value()).contains(foreign));
        }
    }

    @Test
    void theBrokerRefusesUnknownCredentialsAndAnonymousGateways() {
        assertThatThrownBy(() -> MqttGateway.connect(vertx, "gateway-it-mqtt", "wrong-secret")).isNotNull();
        assertThatThrownBy(() -> MqttGateway.connect(vertx, null, null)).isNotNull();
    }

    @Test
    void anEventSentOverHttpAndAgainOverMqttChangesTheFeaturesOnce() throws Exception {
        // The counted events lie on yesterday, the last complete day of the 7-day window of a vector as of now.
        String timestamp = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String now = recent();
        String both = "both-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name());
             MqttGateway gateway = MqttGateway.connectAsItGateway(vertx)) {
            // Another test's event for this SME may still be on its way to a vector: let it pass (no new vector for
            // 2 s) and skip it, or it would be taken for the vector of this test's first event.
            AtomicInteger seen = new AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(2))
                    .until(() -> vectors(features).size(), count -> count == seen.getAndSet(count));
            int earlier = seen.get();
            // The event of today comes second (same partition): once a vector is as of it, both were folded in.
            given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                    .body("[" + TestSmes.event(both, SME, "m-1", timestamp, 60, 0, 0, 1000, 0, 1) + ","
                            + TestSmes.event("now-" + UUID.randomUUID(), SME, "m-1", now, 60, 0, 0, 0, 0, 0) + "]")
                    .post("/api/v1/telemetry")
                    .then().statusCode(202).body("accepted", equalTo(2));
            List<FeatureVector> afterBatch = await().atMost(Duration.ofSeconds(30))
                    .until(() -> vectors(features, earlier), found -> found.stream().anyMatch(v -> v.asOf().equals(Instant.parse(now))));
            FeatureVector afterHttp = afterBatch.get(afterBatch.size() - 1);
            int beforeMqtt = earlier + afterBatch.size();

            gateway.publish(TOPIC, TestSmes.event(both, SME, "m-1", timestamp, 60, 0, 0, 1000, 0, 1));
            gateway.publish(TOPIC, TestSmes.event(after, SME, "m-2", timestamp, 60, 0, 0, 7, 0, 1));

            // The MQTT copy is processed before the later event (same connection, same partition). Counted again it
            // would add 1000 units and a vector of its own.
            List<FeatureVector> vectors = await().atMost(Duration.ofSeconds(30))
                    .until(() -> vectors(features, beforeMqtt), found -> !found.isEmpty());
            assertThat(vectors).hasSize(1);
            // Earlier runs may have left data on this SME: compare totals. Same days, so the days with data are equal.
            double daysWithData = vectors.get(0).features().get("data_coverage_7d") * 7;
            double unitsAdded = (vectors.get(0).features().get("output_units_per_day_7d")
                    - afterHttp.features().get("output_units_per_day_7d")) * daysWithData;
            assertThat(unitsAdded).isCloseTo(7.0, within(1e-6));
        }
    }

    private List<FeatureVector> vectors(TopicProbe features) {
        return vectors(features, 0);
    }

    /** This SME's vectors received so far, but the first {@code skip}. */
    private List<FeatureVector> vectors(TopicProbe features, int skip) {
        return features.pollKey(SME).stream().skip(skip).map(record -> {
            try {
                return mapper.readValue(record.value(), FeatureVector.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<ConsumerRecord<String, String>> withEvent(List<ConsumerRecord<String, String>> records, String eventId) {
        return records.stream().filter(record -> record.value().contains(eventId)).toList();
    }

    private static String recent() {
        return Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
