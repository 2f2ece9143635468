package io.smecredit.scoring.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.Topics;
import io.smecredit.scoring.support.Db;
import io.smecredit.scoring.support.KafkaTestClients;
import io.smecredit.scoring.support.KeycloakTokens;
import io.smecredit.scoring.support.ServiceReady;
import io.smecredit.scoring.support.TestVectors;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

/** Daily drift monitoring on a day of vectors far from the training population, through the operator trigger. */
@QuarkusTest
class MonitoringTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @org.junit.jupiter.api.BeforeEach
    void serviceReady() {
        ServiceReady.await();
    }

    @Test
    void aDriftedDayRaisesAlertsOnceStoredReadableAndPublished() throws Exception {
        String champion = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/current")
                .then().statusCode(200).extract().path("modelVersion");
        Random random = new Random();
        LocalDate day = LocalDate.of(1960 + random.nextInt(19), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String prefix = "it-drift-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // Every SME at the risky end of every feature: nothing like the training population.
        Map<String, Double> drifted = TestVectors.atRisk(1.0);
        List<Map.Entry<String, String>> vectors = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String smeId = prefix + i;
            vectors.add(Map.entry(smeId, json.writeValueAsString(Map.of("smeId", smeId,
                    "asOf", day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(i, ChronoUnit.MINUTES).toString(),
                    "schemaVersion", FeatureDictionary.SCHEMA_VERSION, "features", drifted))));
        }
        try (var alerts = new KafkaTestClients.TopicTail(Topics.DRIFT_ALERTS)) {
            KafkaTestClients.sendAll(Topics.FEATURES, vectors);
            await().atMost(TIMEOUT).until(() -> Db.count(
                    "SELECT count(*) FROM score_history WHERE sme_id LIKE ? AND model_version = ?",
                    prefix + "%", champion) == 25);

            JsonNode reports = run(day);
            JsonNode report = null;
            for (JsonNode r : reports) {
                if (r.get("modelVersion").asText().equals(champion)) {
                    report = r;
                }
            }
            assertThat(report).as(reports.toString()).isNotNull();
            assertThat(report.get("rowsScored").asInt()).isEqualTo(25);
            assertThat(report.get("scorePsi").asDouble()).isGreaterThan(0.25);
            assertThat(report.get("featurePsi").get("utilisation_30d").asDouble()).isGreaterThan(0.25);
            assertThat(report.get("featurePsi")).hasSize(FeatureDictionary.names().size());

            List<Map<String, Object>> stored = alertsOf(champion, day);
            assertThat(stored).extracting(a -> a.get("subject")).contains("score", "utilisation_30d");
            assertThat(stored).allSatisfy(a -> assertThat(((Number) a.get("psi")).doubleValue()).isGreaterThan(0.25));

            List<ConsumerRecord<String, String>> published = await().atMost(TIMEOUT).until(
                    () -> alertsForDay(alerts.recordsWithKey(champion), day), r -> r.size() == stored.size());
            JsonNode event = json.readTree(published.get(0).value());
            assertThat(event.get("modelVersion").asText()).isEqualTo(champion);
            assertThat(event.get("threshold").asDouble()).isEqualTo(0.25);
            assertThat(event.get("rows").asInt()).isEqualTo(25);

            // Running the same day again recomputes the report but raises nothing new.
            run(day);
            assertThat(alertsOf(champion, day)).hasSameSizeAs(stored);
            assertThat(Db.count("SELECT count(*) FROM drift_alert WHERE model_version = ? AND day = ? AND published",
                    champion, day)).isEqualTo(stored.size());
        }
    }

    @Test
    void performanceIsReportedOnceTheOutcomesOfADaysScoresHaveMatured() throws Exception {
        String champion = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/current")
                .then().statusCode(200).extract().path("modelVersion");
        Random random = new Random();
        LocalDate cohortDay = LocalDate.of(1940 + random.nextInt(19), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String prefix = "it-perf-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map.Entry<String, String>> vectors = new ArrayList<>();
        List<Map.Entry<String, String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String smeId = prefix + i;
            boolean defaults = i % 2 == 0;
            vectors.add(Map.entry(smeId, json.writeValueAsString(Map.of("smeId", smeId,
                    "asOf", cohortDay.atStartOfDay(ZoneOffset.UTC).toInstant().plus(i, ChronoUnit.MINUTES).toString(),
                    "schemaVersion", FeatureDictionary.SCHEMA_VERSION,
                    "features", defaults ? TestVectors.SICK : TestVectors.HEALTHY))));
            if (defaults) {
                outcomes.add(Map.entry(smeId, json.writeValueAsString(new io.smecredit.contracts.OutcomeEvent(
                        "out-" + smeId, smeId, "app-" + smeId, "bank-a", "DEFAULTED", cohortDay.plusMonths(5),
                        null, 120, "simulator"))));
            }
        }
        KafkaTestClients.sendAll(Topics.OUTCOMES, outcomes);
        KafkaTestClients.sendAll(Topics.FEATURES, vectors);
        await().atMost(TIMEOUT).until(() -> Db.count(
                "SELECT count(*) FROM score_history WHERE sme_id LIKE ? AND model_version = ?", prefix + "%", champion) == 20
                && Db.count("SELECT count(*) FROM credit_outcome WHERE sme_id LIKE ?", prefix + "%") == 10);

        JsonNode report = null;
        for (JsonNode r : run(cohortDay.plusMonths(12))) {
            if (r.get("modelVersion").asText().equals(champion)) {
                report = r;
            }
        }
        // Sick SMEs defaulted, healthy ones did not: the model ranks them perfectly.
        assertThat(report).isNotNull();
        assertThat(report.get("maturedRows").asInt()).isEqualTo(20);
        assertThat(report.get("auc").asDouble()).isEqualTo(1.0);
        assertThat(report.get("ks").asDouble()).isEqualTo(1.0);

        // The PD backtest: every sick SME (one PD, so one grade) defaulted, no healthy one did.
        String sickGrade = gradeOf(TestVectors.SICK);
        String healthyGrade = gradeOf(TestVectors.HEALTHY);
        assertThat(sickGrade).isNotEqualTo(healthyGrade);
        for (JsonNode backtest : List.of(report.get("calibrationByGrade"), storedReport(champion, cohortDay.plusMonths(12))
                .get("calibrationByGrade"))) {
            assertThat(backtest).hasSize(2);
            for (JsonNode grade : backtest) {
                boolean sick = grade.get("grade").asText().equals(sickGrade);
                assertThat(grade.get("grade").asText()).isIn(sickGrade, healthyGrade);
                assertThat(grade.get("rows").asInt()).isEqualTo(10);
                assertThat(grade.get("defaults").asInt()).isEqualTo(sick ? 10 : 0);
                assertThat(grade.get("observedDefaultRate").asDouble()).isEqualTo(sick ? 1.0 : 0.0);
                assertThat(grade.get("expectedDefaults").asDouble())
                        .isCloseTo(10 * grade.get("meanPd").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
                // Ten defaults in ten where the PD said fewer is very unlikely; none is what a low PD predicts.
                assertThat(grade.get("pValueTooManyDefaults").asDouble())
                        .isCloseTo(sick ? Math.pow(grade.get("meanPd").asDouble(), 10) : 1.0,
                                org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    private static String gradeOf(Map<String, Double> features) {
        return given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("features", features)).post("/api/v1/scores")
                .then().statusCode(200).extract().path("grade");
    }

    private JsonNode storedReport(String modelVersion, LocalDate day) throws Exception {
        String body = given().auth().oauth2(KeycloakTokens.operator()).queryParam("modelVersion", modelVersion)
                .queryParam("limit", 500).get("/api/v1/monitoring/reports").then().statusCode(200).extract().asString();
        for (JsonNode stored : json.readTree(body)) {
            if (stored.get("day").asText().equals(day.toString())) {
                return stored;
            }
        }
        throw new AssertionError("No stored report of " + modelVersion + " for " + day);
    }

    @Test
    void aMisspelledFieldIsA400NamingItNotARunOfTheDefaultDay() {
        // {"dya": …} used to run yesterday's monitoring, as if no day had been given.
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("dya", "2026-12-01")).post("/api/v1/monitoring/runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("dya"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("its fields are day"));
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("form", "2026-10-01T00:00:00Z")).post("/api/v1/models/training-jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("form"));
    }

    @Test
    void aDayOutsideTheCalendarThePlatformCanHaveIsA400NotA500() {
        // +999999999-12-31 parsed, then broke the run's date arithmetic (a 500); a future day has no data either.
        for (String day : new String[]{"+999999999-12-31", "-999999999-01-01", "1899-12-31",
                LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString()}) {
            given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("day", day)).post("/api/v1/monitoring/runs")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("day"));
        }
    }

    @Test
    void readingTheReportsOrAlertsOfAModelThatIsNotRegisteredIsA404NotAnEmptyList() {
        for (String path : new String[]{"/api/v1/monitoring/reports", "/api/v1/monitoring/drift-alerts"}) {
            given().auth().oauth2(KeycloakTokens.operator()).queryParam("modelVersion", "m-nope").get(path)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("m-nope"));
        }
    }

    private JsonNode run(LocalDate day) throws Exception {
        String body = given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("day", day.toString())).post("/api/v1/monitoring/runs")
                .then().statusCode(200).extract().asString();
        return json.readTree(body);
    }

    private static List<Map<String, Object>> alertsOf(String champion, LocalDate day) {
        List<Map<String, Object>> all = given().auth().oauth2(KeycloakTokens.operator())
                .queryParam("modelVersion", champion).queryParam("limit", 500)
                .get("/api/v1/monitoring/drift-alerts")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(a -> day.toString().equals(a.get("day"))).toList();
    }

    private List<ConsumerRecord<String, String>> alertsForDay(List<ConsumerRecord<String, String>> records,
                                                              LocalDate day) {
        return records.stream().filter(r -> r.value().contains("\"day\":\"" + day + "\"")).toList();
    }
}
