package io.smecredit.scoring.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.contracts.Topics;
import io.smecredit.scoring.score.domain.Grade;
import io.smecredit.scoring.support.KafkaTestClients;
import io.smecredit.scoring.support.KafkaTestClients.TopicTail;
import io.smecredit.scoring.support.KeycloakTokens;
import io.smecredit.scoring.support.ServiceReady;
import io.smecredit.scoring.support.TestVectors;
import io.smecredit.testsupport.ManagementInterface;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole path through real Kafka, PostgreSQL and Keycloak: feature vector in, score out and on record. */
@QuarkusTest
class FeatureVectorScoringTest {

    private static final Map<String, Double> HEALTHY = TestVectors.HEALTHY;
    private static final Map<String, Double> SICK = TestVectors.SICK;
    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    private TopicTail scores;

    @BeforeEach
    void tailScores() {
        ServiceReady.await();
        scores = new TopicTail(Topics.SCORES);
    }

    @AfterEach
    void closeTail() {
        scores.close();
    }

    @Test
    void freshSmeIsScoredPublishedKeyedBySmeIdAndRecorded() throws Exception {
        String smeId = freshSmeId();
        Instant asOf = Instant.parse("2026-03-01T00:00:00Z");
        publish(smeId, asOf, FeatureDictionary.SCHEMA_VERSION, HEALTHY);

        ConsumerRecord<String, String> record = awaitScores(smeId, 1).get(0);
        JsonNode raw = json.readTree(record.value());
        assertThat(raw.get("asOf").asText()).isEqualTo("2026-03-01T00:00:00Z");
        ScoreEvent event = json.treeToValue(raw, ScoreEvent.class);
        assertThat(event.smeId()).isEqualTo(smeId);
        assertThat(event.asOf()).isEqualTo(asOf);
        assertThat(event.pd()).isStrictlyBetween(0.0, 1.0);
        assertThat(event.score()).isBetween(300, 900);
        assertThat(event.grade()).isEqualTo(Grade.forPd(event.pd()).name());
        assertThat(event.modelVersion()).isEqualTo(currentModelVersion());

        List<Map<String, Object>> history = history(smeId);
        assertThat(history).hasSize(1);
        assertThat(history.get(0))
                .containsEntry("smeId", smeId)
                .containsEntry("score", event.score())
                .containsEntry("grade", event.grade())
                .containsEntry("modelVersion", event.modelVersion())
                .containsEntry("asOf", "2026-03-01T00:00:00Z")
                .containsKey("scoredAt");
        // REST Assured reads JSON numbers as floats: equal up to float precision.
        assertThat(((Number) history.get(0).get("pd")).doubleValue()).isCloseTo(event.pd(),
                org.assertj.core.api.Assertions.within(1e-7));
        assertThat((List<?>) history.get(0).get("reasons")).hasSameSizeAs(event.reasons());
    }

    @Test
    void redeliveredVectorIsRepublishedButRecordedOnce() {
        String smeId = freshSmeId();
        Instant asOf = Instant.parse("2026-03-02T00:00:00Z");
        publish(smeId, asOf, FeatureDictionary.SCHEMA_VERSION, SICK);
        publish(smeId, asOf, FeatureDictionary.SCHEMA_VERSION, SICK);

        // Two published scores prove the redelivery was processed before the history is checked.
        awaitScores(smeId, 2);
        assertThat(history(smeId)).hasSize(1);
    }

    @Test
    void healthierSmeGetsALowerPdThanASickOne() throws Exception {
        String healthyId = freshSmeId();
        String sickId = freshSmeId();
        Instant asOf = Instant.parse("2026-03-03T00:00:00Z");
        publish(healthyId, asOf, FeatureDictionary.SCHEMA_VERSION, HEALTHY);
        publish(sickId, asOf, FeatureDictionary.SCHEMA_VERSION, SICK);

        ScoreEvent healthy = json.readValue(awaitScores(healthyId, 1).get(0).value(), ScoreEvent.class);
        ScoreEvent sick = json.readValue(awaitScores(sickId, 1).get(0).value(), ScoreEvent.class);
        assertThat(healthy.pd()).isLessThan(sick.pd());
        assertThat(healthy.score()).isGreaterThan(sick.score());
        assertThat(healthy.grade()).isLessThan(sick.grade());

        // The sick SME's event explains itself in the dictionary's words, strongest reason first.
        assertThat(sick.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
        assertThat(sick.reasons()).extracting(r -> r.contribution()).isSortedAccordingTo((a, b) -> Double.compare(b, a))
                .allSatisfy(c -> assertThat(c).isPositive());
        var first = sick.reasons().get(0);
        assertThat(first.value()).isEqualTo(SICK.get(first.feature()));
        // A peer comparison's words depend on its value, so they are looked up for the value the event reports.
        var words = FeatureDictionary.reason(first.feature(), first.value()).orElseThrow();
        assertThat(first.textEn()).isEqualTo(words.en());
        assertThat(first.textZh()).isEqualTo(words.zh());
    }

    @Test
    void vectorOfAnotherSchemaVersionIsSkippedAndCounted() {
        String smeId = freshSmeId();
        double skippedBefore = skippedForSchemaVersion();
        publish(smeId, Instant.parse("2026-03-04T00:00:00Z"), FeatureDictionary.SCHEMA_VERSION + 1, HEALTHY);
        // Same key, same partition, so once this later vector is scored the earlier one has been handled.
        publish(smeId, Instant.parse("2026-03-05T00:00:00Z"), FeatureDictionary.SCHEMA_VERSION, HEALTHY);

        awaitScores(smeId, 1);
        assertThat(scores.recordsWithKey(smeId)).hasSize(1);
        assertThat(history(smeId)).extracting(row -> row.get("asOf")).containsExactly("2026-03-05T00:00:00Z");
        assertThat(skippedForSchemaVersion()).isEqualTo(skippedBefore + 1);
    }

    @Test
    void historyListsNewestAsOfFirstAndHonoursLimit() {
        String smeId = freshSmeId();
        publish(smeId, Instant.parse("2026-03-06T00:00:00Z"), FeatureDictionary.SCHEMA_VERSION, SICK);
        publish(smeId, Instant.parse("2026-03-08T00:00:00Z"), FeatureDictionary.SCHEMA_VERSION, HEALTHY);
        publish(smeId, Instant.parse("2026-03-07T00:00:00Z"), FeatureDictionary.SCHEMA_VERSION, SICK);
        awaitScores(smeId, 3);

        assertThat(history(smeId)).extracting(row -> row.get("asOf")).containsExactly(
                "2026-03-08T00:00:00Z", "2026-03-07T00:00:00Z", "2026-03-06T00:00:00Z");
        List<Map<String, Object>> newest = given().auth().oauth2(KeycloakTokens.operator())
                .queryParam("limit", 1)
                .get("/api/v1/smes/{smeId}/scores", smeId)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(newest).extracting(row -> row.get("asOf")).containsExactly("2026-03-08T00:00:00Z");
    }

    private List<ConsumerRecord<String, String>> awaitScores(String smeId, int count) {
        return await().atMost(PIPELINE_TIMEOUT)
                .until(() -> scores.recordsWithKey(smeId), records -> records.size() >= count);
    }

    private void publish(String smeId, Instant asOf, int schemaVersion, Map<String, Double> features) {
        try {
            // Written as another service would put it on the wire: asOf as an ISO-8601 string.
            String body = json.writeValueAsString(Map.of(
                    "smeId", smeId, "asOf", asOf.toString(), "schemaVersion", schemaVersion, "features", features));
            KafkaTestClients.send(Topics.FEATURES, smeId, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> history(String smeId) {
        return given().auth().oauth2(KeycloakTokens.operator())
                .get("/api/v1/smes/{smeId}/scores", smeId)
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("$");
    }

    private static String currentModelVersion() {
        return given().auth().oauth2(KeycloakTokens.operator())
                .get("/api/v1/models/current")
                .then().statusCode(200)
                .extract().path("modelVersion");
    }

    private static double skippedForSchemaVersion() {
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("scoring_feature_vectors_skipped_total{")
                        && line.contains("reason=\"schema_version_mismatch\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String freshSmeId() {
        return "it-" + UUID.randomUUID();
    }
}
