package io.smecredit.scoring.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.contracts.Topics;
import io.smecredit.model.ModelArtifact;
import io.smecredit.scoring.support.Db;
import io.smecredit.scoring.support.KafkaTestClients;
import io.smecredit.scoring.support.KeycloakTokens;
import io.smecredit.scoring.support.ServiceReady;
import io.smecredit.scoring.support.TamperedArtifacts;
import io.smecredit.scoring.support.TestModels;
import io.smecredit.scoring.support.TestVectors;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The model lifecycle against real PostgreSQL, Kafka and Keycloak: promotion behind the parity gate and rollback
 * change what is served without a restart, a model failing parity is refused, a challenger only shadows.
 * Every test leaves the original champion serving.
 */
@QuarkusTest
class ModelLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @org.junit.jupiter.api.BeforeEach
    void serviceReady() {
        ServiceReady.await();
    }

    @Test
    void promotionServesTheNewChampionAtOnceAndRollbackRestoresThePreviousOne() {
        String original = currentChampion();
        String candidate = TestModels.register(TestModels.trained(101L));

        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("as", "champion")).post("/api/v1/models/{v}/promote", candidate)
                .then().statusCode(200)
                .body("version", equalTo(candidate))
                .body("status", equalTo("champion"))
                .body("parity.passed", equalTo(true))
                .body("parity.maxAbsDifference", lessThanOrEqualTo(1e-6f))
                .body("displacedVersion", equalTo(original));
        try {
            assertThat(scoredBy()).isEqualTo(candidate);
            assertThat(currentChampion()).isEqualTo(candidate);
            var retired = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", original)
                    .then().statusCode(200).body("status", equalTo("retired")).extract().jsonPath();
            var promoted = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", candidate)
                    .then().statusCode(200).extract().jsonPath();
            // One change: the displaced champion leaves at the very instant the new one takes over.
            assertThat(retired.getList("statusHistory.findAll { it.toStatus == 'retired' }.changedAt", String.class))
                    .last().isEqualTo(promoted.getList(
                            "statusHistory.findAll { it.toStatus == 'champion' }.changedAt", String.class).get(0));
        } finally {
            given().auth().oauth2(KeycloakTokens.operator()).post("/api/v1/models/rollback")
                    .then().statusCode(200)
                    .body("version", equalTo(original))
                    .body("status", equalTo("champion"))
                    .body("displacedVersion", equalTo(candidate));
        }
        assertThat(scoredBy()).isEqualTo(original);
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", candidate)
                .then().statusCode(200).body("status", equalTo("retired"))
                .body("statusHistory.note", org.hamcrest.Matchers.hasItem(containsString("parity passed")));
    }

    @Test
    void theOperatorsReasonsForPromotionRollbackAndRetirementAreKeptInTheStatusHistory() {
        String original = currentChampion();
        String candidate = TestModels.register(TestModels.trained(103L));
        String spare = TestModels.register(TestModels.trained(104L));

        // A reason that is not one line of plain text changes nothing and names the field.
        for (String bad : List.of("line one\nline two", "x".repeat(501))) {
            given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("as", "champion", "reason", bad)).post("/api/v1/models/{v}/promote", candidate)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.contains("reason"));
        }
        assertThat(currentChampion()).isEqualTo(original);

        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("as", "champion", "reason", "  Q4 retrain: AUC 0.81 vs 0.78  "))
                .post("/api/v1/models/{v}/promote", candidate)
                .then().statusCode(200).body("status", equalTo("champion"));
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Early warnings doubled after the promotion"))
                .post("/api/v1/models/rollback")
                .then().statusCode(200).body("version", equalTo(original));
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.TEXT).body("Superseded")
                .post("/api/v1/models/{v}/retire", spare)
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("why", "Superseded")).post("/api/v1/models/{v}/retire", spare)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", spare)
                .then().statusCode(200).body("status", equalTo("candidate"));
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Superseded by the Q4 retrain"))
                .post("/api/v1/models/{v}/retire", spare)
                .then().statusCode(200).body("status", equalTo("retired"));

        var promoted = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", candidate)
                .then().statusCode(200).extract().jsonPath();
        assertThat(promoted.getList("statusHistory.findAll { it.toStatus == 'champion' }.reason"))
                .containsExactly("Q4 retrain: AUC 0.81 vs 0.78");
        assertThat(promoted.getList("statusHistory.findAll { it.toStatus == 'retired' }.reason"))
                .containsExactly("Early warnings doubled after the promotion");
        var restored = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", original)
                .then().statusCode(200).extract().jsonPath();
        // The original's retirement was part of the promotion; its return, the rollback.
        assertThat(restored.getList("statusHistory.reason")).contains("Q4 retrain: AUC 0.81 vs 0.78",
                "Early warnings doubled after the promotion");
        assertThat(given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", spare)
                .then().statusCode(200).extract().jsonPath()
                .getList("statusHistory.findAll { it.toStatus == 'retired' }.reason"))
                .containsExactly("Superseded by the Q4 retrain");
    }

    @Test
    void aRegisteredModelsFactsItsArtifactAndItsStatusHistoryCannotBeEditedOnlyItsStatusMoves() {
        String candidate = TestModels.register(TestModels.trained(103L));
        String where = " WHERE version = '" + candidate + "'";
        for (String edit : List.of("UPDATE model SET metrics = '{\"auc\":0.99}'" + where,
                "UPDATE model SET created_by = 'someone-else'" + where,
                "UPDATE model_status_change SET changed_by = 'someone-else'" + where,
                "UPDATE model_artifact SET artifact_json = '{}'" + where,
                "DELETE FROM model_status_change" + where,
                "DELETE FROM model_artifact" + where,
                "DELETE FROM model" + where)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Db.inTransaction(edit)))
                    .as(edit).isNotNull()
                    .satisfiesAnyOf(e -> assertThat(e).hasStackTraceContaining("append-only"),
                            e -> assertThat(e).hasStackTraceContaining("frozen"),
                            e -> assertThat(e).hasStackTraceContaining("never deleted"));
        }
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{version}", candidate)
                .then().statusCode(200).body("createdBy", org.hamcrest.Matchers.not(equalTo("someone-else")));
        Db.inTransaction("UPDATE model SET status = 'retired', status_changed_at = now()" + where);
        assertThat(Db.string("SELECT status FROM model" + where)).isEqualTo("retired");
    }

    @Test
    void aPromotionMadeThroughAnotherInstanceIsServedAfterTheNextRegistryPoll() {
        String original = currentChampion();
        String candidate = TestModels.register(TestModels.trained(102L));
        // What another instance's promotion leaves in the registry, written behind this instance's back.
        Db.inTransaction(
                "UPDATE model SET status = 'retired' WHERE version = '" + original + "'",
                "UPDATE model SET status = 'champion' WHERE version = '" + candidate + "'",
                "INSERT INTO model_status_change (version, from_status, to_status, changed_by, changed_at, note) "
                        + "VALUES ('" + original + "', 'champion', 'retired', 'other-instance', now(), 'test'), "
                        + "('" + candidate + "', 'candidate', 'champion', 'other-instance', now(), 'test')");
        try {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(scoredBy()).isEqualTo(candidate));
        } finally {
            given().auth().oauth2(KeycloakTokens.operator()).post("/api/v1/models/rollback")
                    .then().statusCode(200).body("version", equalTo(original));
        }
        assertThat(scoredBy()).isEqualTo(original);
    }

    @Test
    void aModelWhoseEvaluatorDisagreesWithXgboostIsNotPromoted() {
        String original = currentChampion();
        ModelArtifact tampered = TamperedArtifacts.withAmbiguousRootThreshold(TestModels.trained(103L));
        String version = TestModels.register(tampered);

        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("as", "champion")).post("/api/v1/models/{v}/promote", version)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/unprocessable"))
                .body("detail", containsString("max |Δp| = "))
                .body("detail", containsString("disagrees with xgboost4j"));

        assertThat(scoredBy()).isEqualTo(original);
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", version)
                .then().statusCode(200).body("status", equalTo("candidate"));
    }

    @Test
    void aChallengerScoresEveryVectorInShadowAndIsNeverPublished() throws Exception {
        String champion = currentChampion();
        String challenger = TestModels.register(TestModels.trained(104L));
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("as", "challenger")).post("/api/v1/models/{v}/promote", challenger)
                .then().statusCode(200).body("status", equalTo("challenger"));
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}/shadow-comparison", challenger)
                .then().statusCode(200).body("vectors", equalTo(0)).body("meanPd", nullValue())
                .body("maxAbsPdDifference", nullValue());
        try (var scores = new KafkaTestClients.TopicTail(Topics.SCORES)) {
            String smeId = "it-" + UUID.randomUUID();
            KafkaTestClients.send(Topics.FEATURES, smeId, json.writeValueAsString(Map.of("smeId", smeId,
                    "asOf", Instant.parse("2026-04-01T00:00:00Z").toString(),
                    "schemaVersion", FeatureDictionary.SCHEMA_VERSION, "features", TestVectors.SICK)));

            var published = await().atMost(TIMEOUT).until(() -> scores.recordsWithKey(smeId), r -> !r.isEmpty());
            await().atMost(TIMEOUT).until(() -> Db.count(
                    "SELECT count(*) FROM shadow_score WHERE sme_id = ? AND model_version = ? AND champion_version = ?",
                    smeId, challenger, champion) == 1);
            assertThat(published).hasSize(1);
            assertThat(json.readValue(published.get(0).value(), ScoreEvent.class).modelVersion()).isEqualTo(champion);
            given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}/shadow-comparison", challenger)
                    .then().statusCode(200).body("vectors", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("meanPd", notNullValue());
        } finally {
            given().auth().oauth2(KeycloakTokens.operator()).post("/api/v1/models/{v}/retire", challenger)
                    .then().statusCode(200).body("status", equalTo("retired"));
        }
    }

    @Test
    void theBootstrapChampionsHistoryRecordsTheParityVerdictItPassed() {
        List<String> bootstraps = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.source == 'bootstrap' }.version");
        assertThat(bootstraps).isNotEmpty();
        List<String> notes = given().auth().oauth2(KeycloakTokens.operator())
                .get("/api/v1/models/{v}", bootstraps.get(0))
                .then().statusCode(200).extract().jsonPath().getList("statusHistory.findAll { it.toStatus == "
                        + "'champion' }.note");
        assertThat(notes).anyMatch(note -> note.startsWith("bootstrap: ") && note.contains("parity passed for "
                + bootstraps.get(0)));
    }

    @Test
    void theChampionCannotBeRetiredAndPromotionNeedsAKnownTarget() {
        String champion = currentChampion();
        given().auth().oauth2(KeycloakTokens.operator()).post("/api/v1/models/{v}/retire", champion)
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("as", "king")).post("/api/v1/models/{v}/promote", champion)
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("as"));
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("as", "champion")).post("/api/v1/models/{v}/promote", champion)
                .then().statusCode(409).contentType("application/problem+json");
    }

    private static String currentChampion() {
        return given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/current")
                .then().statusCode(200).extract().path("modelVersion");
    }

    /** The model that answers a scoring request right now. */
    private static String scoredBy() {
        return given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("features", TestVectors.HEALTHY)).post("/api/v1/scores")
                .then().statusCode(200).extract().path("modelVersion");
    }
}
