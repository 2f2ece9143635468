package io.smecredit.loan.report;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Score events published on the real scores topic become what banks read, newest asOf first. */
@QuarkusTest
class LatestScoreReadModelTest {

    private static final Duration CONSUMED_WITHIN = Duration.ofSeconds(60);

    private static ScorePublisher publisher;

    @BeforeAll
    static void openPublisher() {
        ScorePublisher.awaitServiceConsuming();
        publisher = new ScorePublisher();
    }

    @AfterAll
    static void closePublisher() {
        publisher.close();
    }

    @Test
    void aPublishedScoreBecomesTheSmesCreditReport() {
        String smeId = ScorePublisher.freshSmeId();
        Instant asOf = Instant.parse("2024-05-01T12:00:00Z");
        Fixtures.validConsent(smeId, "bank-a", "credit-report");

        publisher.publish(smeId, 0.0231, 712, "B", "xgb-it-1", asOf);

        String bankToken = KeycloakTokens.accessToken("bank-a");
        await().atMost(CONSUMED_WITHIN).untilAsserted(() -> given().auth().oauth2(bankToken)
                .when().get("/api/v1/smes/{smeId}/credit-report", smeId)
                .then().statusCode(200)
                .contentType("application/json")
                .body("smeId", equalTo(smeId))
                .body("score", equalTo(712))
                .body("pd", equalTo(0.0231f))
                .body("grade", equalTo("B"))
                .body("modelVersion", equalTo("xgb-it-1"))
                .body("asOf", equalTo("2024-05-01T12:00:00Z")));
    }

    @Test
    void anOlderScoreArrivingLaterDoesNotReplaceTheNewerOne() {
        String smeId = ScorePublisher.freshSmeId();
        String bankToken = KeycloakTokens.accessToken("bank-b");
        Fixtures.validConsent(smeId, "bank-b", "credit-report");
        publisher.publish(smeId, 0.05, 650, "C", "xgb-it-2", Instant.parse("2024-06-02T00:00:00Z"));
        await().atMost(CONSUMED_WITHIN).untilAsserted(() -> given().auth().oauth2(bankToken)
                .when().get("/api/v1/smes/{smeId}/credit-report", smeId)
                .then().statusCode(200).body("score", equalTo(650)));

        publisher.publish(smeId, 0.40, 420, "E", "xgb-it-1", Instant.parse("2024-06-01T00:00:00Z"));
        // Records of one partition are consumed in order: once the marker is visible, the older event was handled.
        String marker = ScorePublisher.freshSmeIdOnSamePartitionAs(smeId);
        Fixtures.validConsent(marker, "bank-b", "credit-report");
        publisher.publish(marker, 0.01, 800, "A", "xgb-it-2", Instant.parse("2024-06-03T00:00:00Z"));
        await().atMost(CONSUMED_WITHIN).untilAsserted(() -> given().auth().oauth2(bankToken)
                .when().get("/api/v1/smes/{smeId}/credit-report", marker)
                .then().statusCode(200));

        given().auth().oauth2(bankToken)
                .when().get("/api/v1/smes/{smeId}/credit-report", smeId)
                .then().statusCode(200)
                .body("score", equalTo(650))
                .body("grade", equalTo("C"))
                .body("modelVersion", equalTo("xgb-it-2"))
                .body("asOf", equalTo("2024-06-02T00:00:00Z"));
    }

    @Test
    void anUnreadableEventIsSkippedWithoutStoppingConsumption() {
        String smeId = ScorePublisher.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        publisher.publishRaw(smeId, "{not json");
        publisher.publish(smeId, 0.1, 600, "C", "xgb-it-1", Instant.parse("2024-07-01T00:00:00Z"));

        String bankToken = KeycloakTokens.accessToken("bank-a");
        await().atMost(CONSUMED_WITHIN).untilAsserted(() -> given().auth().oauth2(bankToken)
                .when().get("/api/v1/smes/{smeId}/credit-report", smeId)
                .then().statusCode(200).body("score", equalTo(600)));
    }
}
