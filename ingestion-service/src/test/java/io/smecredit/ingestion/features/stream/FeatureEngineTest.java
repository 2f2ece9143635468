package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureNames;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import io.smecredit.ingestion.support.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class FeatureEngineTest {

    private static final String T1 = "2025-03-01T10:00:00Z";
    private static final String T2 = "2025-03-01T11:00:00Z";

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.kafka-streams.topics")
    List<String> streamTopics;

    @Test
    void streamWaitsForTheContractTelemetryTopic() {
        assertThat(streamTopics).containsExactly(Topics.TELEMETRY.name());
    }

    @Test
    void publishesTheFeatureVectorOfAnSmeWithHandComputedValues() throws Exception {
        String smeId = TestSmes.register("m-1", "m-2");
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            // m-1: run 1800, idle 1200, down 600, 100 units, 4 rejects, 12 kWh (the later event)
            // m-2: run 3000, idle    0, down 600,  50 units, 6 rejects, 18 kWh
            ingest(TestSmes.event(id(), smeId, "m-1", T2, 1800, 1200, 600, 100, 4, 12),
                    TestSmes.event(id(), smeId, "m-2", T1, 3000, 0, 600, 50, 6, 18));

            FeatureVector vector = awaitVector(features, smeId, v -> v.features().get(FeatureNames.ACTIVE_MACHINES) == 2.0);

            assertThat(vector.smeId()).isEqualTo(smeId);
            assertThat(vector.schemaVersion()).isEqualTo(FeatureNames.SCHEMA_VERSION);
            assertThat(vector.asOf()).isEqualTo(Instant.parse(T2));
            assertThat(vector.features()).containsOnlyKeys(FeatureNames.ALL);
            assertThat(vector.features().get(FeatureNames.UTILISATION)).isCloseTo(4800.0 / 7200, within(1e-9));
            assertThat(vector.features().get(FeatureNames.AVAILABILITY)).isCloseTo(6000.0 / 7200, within(1e-9));
            assertThat(vector.features().get(FeatureNames.QUALITY_RATE)).isCloseTo(140.0 / 150, within(1e-9));
            assertThat(vector.features().get(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT)).isCloseTo(30.0 / 140, within(1e-9));
        }
    }

    @Test
    void countsARetriedEventOnce() throws Exception {
        String smeId = TestSmes.register("m-1", "m-2");
        String retried = id();
        String first = TestSmes.event(retried, smeId, "m-1", T1, 1000, 0, 0, 10, 0, 5);
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            ingest(first);
            ingest(first); // a gateway retrying after a lost answer
            ingest(TestSmes.event(id(), smeId, "m-2", T2, 0, 1000, 0, 0, 0, 0));

            FeatureVector vector = awaitVector(features, smeId, v -> v.asOf().equals(Instant.parse(T2)));

            // Counted once: run 1000 of 2000 s; counted twice it would be 2000 of 3000 s.
            assertThat(vector.features().get(FeatureNames.UTILISATION)).isCloseTo(0.5, within(1e-9));
            assertThat(vector.features().get(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT)).isCloseTo(0.5, within(1e-9));
        }
    }

    @Test
    void writesInstantsAsIsoStringsOnTheFeaturesTopic() {
        String smeId = TestSmes.register("m-1");
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            ingest(TestSmes.event(id(), smeId, "m-1", T1, 10, 0, 0, 1, 0, 1));

            List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(60))
                    .until(() -> features.pollKey(smeId), found -> !found.isEmpty());
            assertThat(records.get(0).value()).contains("\"asOf\":\"" + T1 + "\"").contains("\"schemaVersion\":1");
        }
    }

    private FeatureVector awaitVector(TopicProbe features, String smeId,
                                      java.util.function.Predicate<FeatureVector> complete) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<ConsumerRecord<String, String>> records = features.pollKey(smeId);
            return records.isEmpty() ? null : mapper.readValue(records.get(records.size() - 1).value(), FeatureVector.class);
        }, vector -> vector != null && complete.test(vector));
    }

    private static void ingest(String... events) {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[" + String.join(",", events) + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202).body("accepted", equalTo(events.length));
    }

    private static String id() {
        return "ev-" + UUID.randomUUID();
    }
}
