package io.smecredit.ingestion.telemetry.resource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import io.smecredit.ingestion.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class TelemetryResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @TestHTTPResource("/api/v1/telemetry")
    URL telemetryUrl;

    @Test
    void refusesRequestsWithoutAToken() {
        given().contentType(ContentType.JSON).body("[]")
                .post("/api/v1/telemetry")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://sme-credit.dev/problems/unauthenticated"));
    }

    @Test
    void refusesAGarbageToken() {
        given().auth().oauth2("not-a-jwt").contentType(ContentType.JSON).body("[]")
                .post("/api/v1/telemetry")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void forbidsClientsWithoutTheGatewayRole() {
        given().auth().oauth2(Tokens.bank()).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/telemetry")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://sme-credit.dev/problems/forbidden"));
    }

    @Test
    void refusesUnparseableJsonNamingWhereItBroke() {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[\n{\"eventId\": \"e-1\",, }\n]")
                .post("/api/v1/telemetry")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://sme-credit.dev/problems/malformed-request"))
                .body("title", equalTo("Malformed request"))
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"))
                .body("detail", containsString("line 2"))
                .body("instance", equalTo("/api/v1/telemetry"));
    }

    @Test
    void refusesABodyThatIsNotAnArray() {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("{\"eventId\":\"e-1\"}")
                .post("/api/v1/telemetry")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("must be a JSON array"));
    }

    @Test
    void refusesAnEmptyBody() {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON).body("")
                .post("/api/v1/telemetry")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("empty"));
    }

    @Test
    void refusesBodiesOverTheSizeLimitBeforeReadingThem() throws Exception {
        byte[] elevenMegabytes = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(elevenMegabytes, (byte) ' ');
        // Expect: 100-continue lets the server refuse on Content-Length alone, as a well-behaved gateway would ask.
        HttpRequest request = HttpRequest.newBuilder(telemetryUrl.toURI())
                .header("Authorization", "Bearer " + Tokens.gateway())
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(elevenMegabytes))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void acceptsTheValidEventsOfABatchAndReportsTheInvalidOnes() {
        String smeId = TestSmes.register("m-1");
        String now = recent();
        String body = "[" + TestSmes.event("ok-" + UUID.randomUUID(), smeId, "m-1", now, 600, 0, 0, 10, 1, 2) + ","
                + TestSmes.event("bad-1", smeId, "m-1", now, 600, -5, 0, 10, 1, 2) + "]";

        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/telemetry")
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(1))
                .body("duplicates", equalTo(0))
                .body("errors", hasSize(1))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].eventId", equalTo("bad-1"))
                .body("errors[0].field", equalTo("metrics.idleSeconds"))
                .body("errors[0].reason", equalTo("must not be negative"))
                .body("errors[0].code", equalTo("negative"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ingestion_telemetry_events_rejected_total{reason=\"negative\"}"))
                .body(containsString("ingestion_telemetry_events_accepted_total"));
    }

    @Test
    void rejectsTelemetryOfUnregisteredSmes() {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[" + TestSmes.event("e-1", "it-never-registered", "m-1", recent(), 1, 0, 0, 1, 0, 1) + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202)
                .body("accepted", equalTo(0))
                .body("rejected", equalTo(1))
                .body("errors[0].field", equalTo("smeId"))
                .body("errors[0].code", equalTo("unknown_sme"));
    }

    @Test
    void publishesAcceptedEventsToTheTelemetryTopicKeyedBySme() {
        String smeId = TestSmes.register("m-2");
        String eventId = "pub-" + UUID.randomUUID();
        String timestamp = recent();
        try (TopicProbe telemetry = TopicProbe.fromEnd(Topics.TELEMETRY.name())) {
            given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                    .body("[" + TestSmes.event(eventId, smeId, "m-2", timestamp, 1200, 600, 0, 40, 2, 5.5) + "]")
                    .post("/api/v1/telemetry")
                    .then().statusCode(202).body("accepted", equalTo(1));

            // The 202 promises the event is durable: it must already be readable, not merely eventually.
            List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(10))
                    .until(() -> telemetry.pollKey(smeId), found -> !found.isEmpty());
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(smeId);
                assertThat(record.value())
                        .contains("\"eventId\":\"" + eventId + "\"")
                        .contains("\"machineId\":\"m-2\"")
                        .as("Instants travel as ISO-8601 strings")
                        .contains("\"timestamp\":\"" + timestamp + "\"")
                        .contains("\"unitsProduced\":40");
            });
        }
    }

    private static String recent() {
        return Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
