package io.smecredit.loan.tenancy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A bank over its request rate is slowed down with 429 + Retry-After; oversized bodies are refused before work. */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void aBankOverItsRateGets429WithRetryAfterWhileOtherBanksAreUnaffected() {
        // The test profile gives bank-short-lived a bucket of 3 requests refilled at one every 2 seconds.
        String token = KeycloakTokens.accessToken("bank-short-lived");
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(given().auth().oauth2(token).get("/api/v1/consents"));
        }
        Response limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 among " + responses.stream().map(Response::statusCode).toList()));
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.jsonPath().getString("type")).isEqualTo("https://sme-credit.dev/problems/too-many-requests");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 10L);

        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get("/api/v1/consents").then().statusCode(200);
    }

    @Test
    void anOversizedBodyIsRefusedWith413Problem() {
        String purpose = "x".repeat(70_000);
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).contentType(ContentType.JSON)
                .body("{\"smeId\":\"sme-001\",\"scopes\":[\"credit-report\"],\"purpose\":\"" + purpose + "\"}")
                .post("/api/v1/consent-requests")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/payload-too-large"));
    }
}
