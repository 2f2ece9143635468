package io.smecredit.loan.tenancy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    @TestHTTPResource("/api/v1/consent-requests")
    URI consentRequests;

    private static String consentRequest(int purposeLength) {
        return "{\"smeId\":\"sme-001\",\"scopes\":[\"credit-report\"],\"purpose\":\"" + "x".repeat(purposeLength)
                + "\"}";
    }

    /** Without a length, the JDK client sends the body chunked. */
    private HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(consentRequests)
                .header("Authorization", "Bearer " + KeycloakTokens.accessToken("bank-a"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBodyLimitHoldsForChunkedBodiesTooWhileSmallChunkedBodiesAreRead() throws Exception {
        HttpResponse<String> oversized = postChunked(consentRequest(70_000));
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(oversized.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(oversized.body()).contains("https://sme-credit.dev/problems/payload-too-large", "65536");

        // A small chunked body reaches validation, which names the missing field: it was read, not lost.
        HttpResponse<String> small = postChunked(consentRequest(10));
        assertThat(small.statusCode()).isEqualTo(400);
        assertThat(small.body()).contains("expiresAt");
    }

    @Test
    void aBodyOverTheHttpLayersHardLimitIsAlsoAProblem() {
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).contentType(ContentType.JSON)
                .body(consentRequest(2_000_000))
                .post("/api/v1/consent-requests")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/payload-too-large"));
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
