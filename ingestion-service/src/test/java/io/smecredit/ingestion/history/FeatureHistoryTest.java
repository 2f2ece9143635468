package io.smecredit.ingestion.history;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/** Daily snapshots in PostgreSQL, read back as of a day: nothing known only later may leak into an earlier day. */
@QuarkusTest
class FeatureHistoryTest {

    /** Feature values are doubles; REST Assured would read them as floats and lose the exact comparison. */
    private static final io.restassured.config.RestAssuredConfig DOUBLES = io.restassured.RestAssured.config()
            .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                    .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));

    private static final LocalDate D3 = LocalDate.now(ZoneOffset.UTC).minusDays(4);
    private static final LocalDate D2 = D3.plusDays(1);
    private static final LocalDate D1 = D2.plusDays(1);

    @Test
    void servesEachDaysFeaturesAsKnownAtTheEndOfThatDay() {
        // A day's vector has its own day in the 1-day window only; the 7-day window is the complete days before it.
        String smeId = TestSmes.register("m-1");
        ingest(smeId, D3, 10);
        awaitSnapshot(smeId, D3, "data_coverage_7d", 0);
        ingest(smeId, D2, 20);
        awaitSnapshot(smeId, D2, "output_units_per_day_7d", 10);
        ingest(smeId, D1, 40);
        // A late event for D3, arriving after the SME's data moved on to D1.
        ingest(smeId, D3, 5);
        awaitSnapshot(smeId, D1, "output_units_per_day_7d", (15 + 20) / 2.0);

        features(smeId, D3.toString()).then().statusCode(200)
                .body("day", equalTo(D3.toString()))
                .body("schemaVersion", equalTo(FeatureDictionary.SCHEMA_VERSION))
                .body("features", not(hasKey("output_units_per_day_7d")))
                .body("features.data_coverage_7d", closeTo(0.0, 1e-9));
        // D2's row as known at its end: D3 with 10 units, not the 15 the late event made of it.
        features(smeId, D2.toString()).then().statusCode(200)
                .body("features.output_units_per_day_7d", closeTo(10.0, 1e-9))
                .body("features.data_coverage_7d", closeTo(1.0 / 7, 1e-9));
        features(smeId, D1.toString()).then().statusCode(200)
                .body("features.data_coverage_7d", closeTo(2.0 / 7, 1e-9));
        // A day without telemetry answers with the latest earlier day.
        features(smeId, D1.plusDays(1).toString()).then().statusCode(200).body("day", equalTo(D1.toString()));
        given().auth().oauth2(Tokens.operator()).get("/api/v1/smes/{smeId}/features", smeId)
                .then().statusCode(200)
                .body("day", equalTo(D1.toString()))
                .body("features", hasKey("utilisation_1d"))
                .body("features", not(hasKey("utilisation")));
        features(smeId, D3.minusDays(1).toString()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void refusesADateThatIsNotADate() {
        // Before 4713 BC PostgreSQL's date answered with the latest snapshot: only four-digit years are days here.
        for (String notADay : new String[]{"31.01.2025", "-4713-01-01", "+10000-01-01", "2026-13-01", "2025-02-30", ""}) {
            features("sme-001", notADay).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("YYYY-MM-DD"))
                    .body("errors.field", org.hamcrest.Matchers.contains("asOf"));
        }
    }

    @Test
    void aControlCharacterInAnIdIsA400ProblemNotADatabaseError() {
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.operator()).get("/api/v1/smes/sme%00x/features")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("control character"))
                .body("instance", org.hamcrest.Matchers.equalTo("/api/v1/smes/sme%00x/features"));
    }

    @Test
    void isForOperatorsOnly() {
        given().auth().oauth2(Tokens.gateway()).get("/api/v1/smes/{smeId}/features", "sme-001")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/smes/{smeId}/features", "sme-001").then().statusCode(401);
    }

    private static void awaitSnapshot(String smeId, LocalDate day, String feature, double value) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> features(smeId, day.toString()).then()
                .statusCode(200)
                .body("day", equalTo(day.toString()))
                .body("features." + feature, closeTo(value, 1e-9)));
    }

    private static io.restassured.response.Response features(String smeId, String asOf) {
        return given().config(DOUBLES).auth().oauth2(Tokens.operator()).queryParam("asOf", asOf)
                .get("/api/v1/smes/{smeId}/features", smeId);
    }

    private static void ingest(String smeId, LocalDate day, long units) {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[" + TestSmes.event("h-" + UUID.randomUUID(), smeId, "m-1", day + "T12:00:00Z", 600, 0, 0, units, 0, 1) + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202).body("accepted", equalTo(1));
    }
}
