package io.smecredit.ingestion.telemetry.resource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The operator's backfill of history: the only way telemetry older than the 7-day late window enters the pipeline,
 * and it goes through the same validation, topics and feature engine as live telemetry.
 */
@QuarkusTest
class TelemetryBackfillTest {

    private static final io.restassured.config.RestAssuredConfig DOUBLES = io.restassured.RestAssured.config()
            .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                    .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));

    private static final LocalDate OLD = LocalDate.now(ZoneOffset.UTC).minusDays(40);

    @Test
    void aGatewayMayNotSendHistoryBeyondTheLateWindow() {
        String smeId = TestSmes.register("m-1");
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[" + event(smeId, OLD, 10) + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202).body("accepted", equalTo(0)).body("errors.code", contains("too_late"));
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[" + event(smeId, OLD, 10) + "]")
                .post("/api/v1/telemetry/backfill")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.endsWith("it needs the role 'operator'."));
    }

    @Test
    void anOperatorBackfillsHistoryWhoseDaysBecomeSnapshotsWithoutLaterData() {
        String smeId = TestSmes.register("m-1");
        String future = TestSmes.event("bf-" + UUID.randomUUID(), smeId, "m-1",
                Instant.now().plus(Duration.ofHours(1)).toString(), 600, 0, 0, 1, 0, 1);
        // Three old days in one batch (so within one emit interval of the feature engine), and one event from the future.
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("[" + event(smeId, OLD.minusDays(2), 10) + "," + event(smeId, OLD.minusDays(1), 30) + ","
                        + event(smeId, OLD, 20) + "," + future + "]")
                .post("/api/v1/telemetry/backfill")
                .then().statusCode(202)
                .body("accepted", equalTo(3))
                .body("errors.code", contains("in_future"));

        // A day's 7-day window is the complete days before it: OLD's holds OLD-2 and OLD-1, (10 + 30) / 2.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> features(smeId, OLD).then().statusCode(200)
                .body("day", equalTo(OLD.toString()))
                .body("features.output_units_per_day_7d", closeTo(20.0, 1e-9))
                .body("features.data_coverage_7d", closeTo(2.0 / 7, 1e-9)));
        // Each earlier day as known at its end: the later days of the same batch did not leak into it.
        features(smeId, OLD.minusDays(2)).then().statusCode(200)
                .body("day", equalTo(OLD.minusDays(2).toString()))
                .body("features", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("output_units_per_day_7d")))
                .body("features.data_coverage_7d", closeTo(0.0, 1e-9));
        features(smeId, OLD.minusDays(1)).then().statusCode(200)
                .body("features.output_units_per_day_7d", closeTo(10.0, 1e-9))
                .body("features.data_coverage_7d", closeTo(1.0 / 7, 1e-9));
        features(smeId, OLD.minusDays(3)).then().statusCode(404);
    }

    private static io.restassured.response.Response features(String smeId, LocalDate asOf) {
        return given().config(DOUBLES).auth().oauth2(Tokens.operator()).queryParam("asOf", asOf.toString())
                .get("/api/v1/smes/{smeId}/features", smeId);
    }

    private static String event(String smeId, LocalDate day, long units) {
        return TestSmes.event("bf-" + UUID.randomUUID(), smeId, "m-1", day + "T12:00:00Z", 600, 0, 0, units, 0, 1);
    }
}
