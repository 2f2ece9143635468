package io.smecredit.scoring.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.OutcomeEvent;
import io.smecredit.contracts.Topics;
import io.smecredit.scoring.support.Db;
import io.smecredit.scoring.support.KafkaTestClients;
import io.smecredit.scoring.support.KeycloakTokens;
import io.smecredit.scoring.support.ServiceReady;
import io.smecredit.scoring.support.TestVectors;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

/** Training from platform history: consumed vectors joined with consumed outcomes, as an asynchronous job. */
@QuarkusTest
class TrainingJobTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Half of them default: the trainer needs at least 25 rows of each class. */
    private static final int ROWS = 100;

    @Inject
    ObjectMapper json;

    @org.junit.jupiter.api.BeforeEach
    void serviceReady() {
        ServiceReady.await();
    }

    @Test
    void aJobWithTooFewLabelledRowsFailsWithAClearReason() {
        String location = start(Map.of("from", "1971-01-01T00:00:00Z", "to", "1971-01-02T00:00:00Z"))
                .then().statusCode(202)
                .header("Location", startsWith("/api/v1/models/training-jobs/"))
                .body("status", equalTo("queued"))
                .extract().header("Location");
        // An operator who lost the Location finds the job among the newest.
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(KeycloakTokens.operator()).queryParam("limit", 5).get("/api/v1/models/training-jobs")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));
        given().auth().oauth2(KeycloakTokens.operator()).queryParam("limit", 0).get("/api/v1/models/training-jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));

        await().atMost(TIMEOUT).until(() -> status(location).path("status"), "failed"::equals);
        given().auth().oauth2(KeycloakTokens.operator()).get(location)
                .then().statusCode(200)
                .body("failureReason", startsWith("Too few labelled rows to train: 0 labelled snapshots"))
                .body("failureReason", containsString("at least"));
        // The job row keeps the effective request, defaults filled in, in the shape an operator sends it.
        assertThat(Db.string("SELECT request FROM training_job WHERE id = ?",
                UUID.fromString(location.substring(location.lastIndexOf('/') + 1))))
                .isEqualTo("{\"from\":\"1971-01-01T00:00:00Z\",\"to\":\"1971-01-02T00:00:00Z\","
                        + "\"hyperparameterSearch\":false}");
    }

    @Test
    void aJobTrainsACandidateFromConsumedVectorsAndOutcomes() throws Exception {
        // A day of its own, long matured, so other runs' data cannot mix in.
        Random random = new Random();
        Instant day = LocalDate.of(1980 + random.nextInt(20), 1 + random.nextInt(12), 1 + random.nextInt(28))
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        String prefix = "it-train-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map.Entry<String, String>> vectors = new ArrayList<>();
        List<Map.Entry<String, String>> outcomes = new ArrayList<>();
        int defaults = 0;
        for (int i = 0; i < ROWS; i++) {
            String smeId = prefix + i;
            double risk = (i % 10) / 10.0 + 0.05;
            Instant asOf = day.plus(i, ChronoUnit.MINUTES);
            vectors.add(Map.entry(smeId, json.writeValueAsString(Map.of("smeId", smeId, "asOf", asOf.toString(),
                    "schemaVersion", FeatureDictionary.SCHEMA_VERSION, "features", TestVectors.atRisk(risk)))));
            if (risk > 0.45) {
                defaults++;
                LocalDate defaultedOn = LocalDate.ofInstant(asOf, ZoneOffset.UTC).plusDays(90);
                outcomes.add(Map.entry(smeId, json.writeValueAsString(new OutcomeEvent("out-" + smeId, smeId,
                        "app-" + smeId, "bank-a", "DEFAULTED", defaultedOn, new BigDecimal("25000.00"), 95, "simulator"))));
            }
        }
        KafkaTestClients.sendAll(Topics.OUTCOMES, outcomes);
        KafkaTestClients.sendAll(Topics.FEATURES, vectors);
        int expectedDefaults = defaults;
        await().atMost(TIMEOUT).until(() -> Db.count("SELECT count(*) FROM feature_snapshot WHERE sme_id LIKE ?",
                prefix + "%") == ROWS && Db.count("SELECT count(*) FROM credit_outcome WHERE sme_id LIKE ?",
                prefix + "%") == expectedDefaults);

        String location = start(Map.of("from", day.toString(), "to", day.plus(1, ChronoUnit.DAYS).toString()))
                .then().statusCode(202).extract().header("Location");
        await().atMost(TIMEOUT).until(() -> status(location).path("status"),
                s -> s.equals("succeeded") || s.equals("failed"));

        Response job = status(location);
        assertThat(job.<String>path("status")).as(job.asString()).isEqualTo("succeeded");
        assertThat(job.<Float>path("progress")).isEqualTo(1.0f);
        assertThat(job.<String>path("requestedBy")).isEqualTo("ops");
        String version = job.path("modelVersion");
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", version)
                .then().statusCode(200)
                .body("status", equalTo("candidate"))
                .body("source", equalTo("platform-history"))
                .body("trainingRows", equalTo(ROWS))
                .body("createdBy", equalTo("ops"))
                .body("featureSchemaVersion", equalTo(FeatureDictionary.SCHEMA_VERSION))
                .body("parameters.training_job", equalTo(location.substring(location.lastIndexOf('/') + 1)))
                .body("parameters.history_from", equalTo(day.toString()))
                .body("parameters.history_to", equalTo(day.plus(1, ChronoUnit.DAYS).toString()))
                .body("parameters.label_horizon_months", equalTo(12))
                .body("parameters.training_smes", equalTo(ROWS))
                .body("parameters", hasKey("labels_as_of"));
    }

    @Test
    void aRequestWithAKeyTwiceStartsNoJob() {
        // Was accepted, the last "from" winning: a real job over a window nobody asked for.
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body("{\"from\":\"2030-01-01T00:00:00Z\",\"to\":\"2020-01-01T00:00:00Z\","
                        + "\"from\":\"2000-01-01T00:00:00Z\"}")
                .post("/api/v1/models/training-jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .header("Location", org.hamcrest.Matchers.nullValue())
                .body("detail", org.hamcrest.Matchers.containsString("duplicate field 'from'"));
    }

    /**
     * Snapshots of the last 12 months are not labelled yet, even those whose SME has already defaulted: keeping only
     * the early defaulters would pick rows by their outcome and inflate the PD the model learns.
     */
    @Test
    void recentSnapshotsThatAlreadyDefaultedAreNotUsedBeforeTheirHorizonHasPassed() throws Exception {
        Instant day = LocalDate.now(ZoneOffset.UTC).minusDays(60).atStartOfDay(ZoneOffset.UTC).toInstant();
        String prefix = "it-recent-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map.Entry<String, String>> vectors = new ArrayList<>();
        List<Map.Entry<String, String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String smeId = prefix + i;
            Instant asOf = day.plus(i, ChronoUnit.MINUTES);
            vectors.add(Map.entry(smeId, json.writeValueAsString(Map.of("smeId", smeId, "asOf", asOf.toString(),
                    "schemaVersion", FeatureDictionary.SCHEMA_VERSION, "features", TestVectors.atRisk(0.9)))));
            outcomes.add(Map.entry(smeId, json.writeValueAsString(new OutcomeEvent("out-" + smeId, smeId,
                    "app-" + smeId, "bank-a", "DEFAULTED", LocalDate.ofInstant(asOf, ZoneOffset.UTC).plusDays(20),
                    new BigDecimal("25000.00"), 95, "simulator"))));
        }
        KafkaTestClients.sendAll(Topics.OUTCOMES, outcomes);
        KafkaTestClients.sendAll(Topics.FEATURES, vectors);
        await().atMost(TIMEOUT).until(() -> Db.count("SELECT count(*) FROM feature_snapshot WHERE sme_id LIKE ?",
                prefix + "%") == 30 && Db.count("SELECT count(*) FROM credit_outcome WHERE sme_id LIKE ?",
                prefix + "%") == 30);

        // A window of the last 60 days alone is refused up front (nothing in it can be labelled yet); this one starts a
        // day before the labelled past and takes in the 30 recent snapshots too.
        Instant labelledUntil = LocalDate.now(ZoneOffset.UTC).minusMonths(12).atStartOfDay(ZoneOffset.UTC).toInstant();
        start(Map.of("from", day.toString(), "to", day.plus(1, ChronoUnit.DAYS).toString()))
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        String location = start(Map.of("from", labelledUntil.minus(1, ChronoUnit.DAYS).toString(),
                "to", day.plus(1, ChronoUnit.DAYS).toString()))
                .then().statusCode(202).extract().header("Location");
        await().atMost(TIMEOUT).until(() -> status(location).path("status"), "failed"::equals);
        assertThat(status(location).<String>path("failureReason"))
                .startsWith("Too few labelled rows to train: 0 labelled snapshots")
                .contains("simulate history --days 540 --publish-outcomes");
    }

    private static Response start(Map<String, Object> body) {
        return given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/models/training-jobs");
    }

    private static Response status(String location) {
        return given().auth().oauth2(KeycloakTokens.operator()).get(location);
    }
}
