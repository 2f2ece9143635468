package io.smecredit.loan.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Who may read a credit report, and the problem+json answers everyone else gets. */
@QuarkusTest
class CreditReportAccessTest {

    private static final String REPORT = "/api/v1/smes/{smeId}/credit-report";
    private static final String PROBLEMS = "https://sme-credit.dev/problems/";

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue());
    }

    @Test
    void withoutATokenTheAnswerIs401Problem() {
        ValidatableResponse response = given()
                .when().get(REPORT, "sme-001")
                .then();
        assertProblem(response, 401, "unauthenticated").header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aGarbageTokenIs401Problem() {
        assertProblem(given().auth().oauth2("not-a-jwt")
                .when().get(REPORT, "sme-001")
                .then(), 401, "unauthenticated");
    }

    @Test
    void aTokenWithATamperedSignatureIs401Problem() {
        String tampered = KeycloakTokens.withTamperedSignature(KeycloakTokens.accessToken("bank-a"));
        assertProblem(given().auth().oauth2(tampered)
                .when().get(REPORT, "sme-001")
                .then(), 401, "unauthenticated");
    }

    @Test
    void aTokenIssuedForAnotherServiceIs401ProblemNamingTheAudienceExpected() {
        // A gateway's token is genuine, but its aud names only the ingestion service.
        String gateway = KeycloakTokens.accessToken("gateway-demo");
        org.assertj.core.api.Assertions.assertThat(String.valueOf(KeycloakTokens.claims(gateway).get("aud")))
                .contains("ingestion-service").doesNotContain("loan-service");
        assertProblem(given().auth().oauth2(gateway)
                .when().get(REPORT, "sme-001")
                .then().body("detail", containsString("aud claim must include 'loan-service'")), 401, "unauthenticated");
    }

    @Test
    void anOperatorTokenIs403Problem() {
        assertProblem(given().auth().oauth2(KeycloakTokens.accessToken("ops"))
                .when().get(REPORT, "sme-001")
                .then(), 403, "forbidden");
    }

    @Test
    void aConsentedSmeWithoutAScoreIs404ProblemSayingSo() {
        String smeId = ScorePublisher.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        assertProblem(given().auth().oauth2(KeycloakTokens.accessToken("bank-a"))
                .when().get(REPORT, smeId)
                .then(), 404, "not-found")
                .body("detail", containsString(smeId))
                .body("detail", containsString("No credit score"));
    }

    @Test
    void aMalformedSmeIdIs400ProblemNamingTheParameter() {
        assertProblem(given().auth().oauth2(KeycloakTokens.accessToken("bank-a"))
                .when().get(REPORT, "SME_001")
                .then(), 400, "validation-failed")
                .body("detail", containsString("smeId"))
                .body("errors.field", hasItem("smeId"));
    }

    @Test
    void anUnknownPathIs404Problem() {
        assertProblem(given().auth().oauth2(KeycloakTokens.accessToken("bank-a"))
                .when().get("/api/v1/nothing-here")
                .then(), 404, "not-found");
    }
}
