package io.smecredit.scoring.score.resource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.scoring.support.KeycloakTokens;
import io.smecredit.scoring.support.TestVectors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Scoring requests are small (a batch holds at most 1,000 SMEs); only a model upload may be large. Oversized bodies
 * are refused with 413 problem+json whether their length is declared or they arrive chunked.
 */
@QuarkusTest
class RequestBodyLimitTest {

    private static final String PAYLOAD_TOO_LARGE = "https://sme-credit.dev/problems/payload-too-large";
    /** Over the 4 MiB scoring limit, far under the model-upload limit. */
    private static final int FIVE_MB = 5 * 1024 * 1024;

    @TestHTTPResource("/api/v1/scores")
    URI scores;

    private static String scoreRequestPaddedTo(int bytes) {
        // A JSON string field the service ignores would not be refused for its size alone: pad the smeId instead.
        return "{\"smeId\":\"" + "x".repeat(bytes) + "\",\"features\":{}}";
    }

    @Test
    void aDeclaredOversizedScoreRequestIs413ProblemNamingTheLimit() {
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(scoreRequestPaddedTo(FIVE_MB))
                .post("/api/v1/scores")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(PAYLOAD_TOO_LARGE))
                .body("detail", containsString("4194304"));
    }

    /** Without a length, the JDK client sends the body chunked. */
    private HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(scores)
                .header("Authorization", "Bearer " + KeycloakTokens.operator())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLimitHoldsForChunkedBodiesWhileSmallChunkedBodiesAreScored() throws Exception {
        HttpResponse<String> oversized = postChunked(scoreRequestPaddedTo(FIVE_MB));
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(oversized.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(oversized.body()).contains(PAYLOAD_TOO_LARGE);

        // A small chunked body is read, not lost: it is scored.
        String small = "{\"smeId\":\"sme-chunked\",\"features\":" + io.vertx.core.json.Json.encode(TestVectors.HEALTHY)
                + "}";
        HttpResponse<String> scored = postChunked(small);
        assertThat(scored.statusCode()).isEqualTo(200);
        assertThat(scored.body()).contains("\"smeId\":\"sme-chunked\"", "\"grade\"");
    }

    @Test
    void aModelUploadMayBeLargerThanAScoreRequest() {
        // Over the scoring limit but under the upload limit: the body is read and judged as an artifact (400), not
        // refused for its size.
        String notAnArtifact = "{\"format\":\"x\",\"padding\":\"" + "x".repeat(FIVE_MB) + "\"}";
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(notAnArtifact)
                .post("/api/v1/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("smecredit-model-artifact/1"));
    }

    @Test
    void aBatchOfTheMaximumSizeFitsUnderTheLimit() {
        // 1,000 full feature vectors: what the batch endpoint accepts must also pass the body limit.
        java.util.List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(Map.of("smeId", "sme-batch-" + i, "features", TestVectors.HEALTHY));
        }
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/api/v1/scores/batch")
                .then().statusCode(200);
    }
}
