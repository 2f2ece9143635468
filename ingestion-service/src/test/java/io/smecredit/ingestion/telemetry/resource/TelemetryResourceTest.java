package io.smecredit.ingestion.telemetry.resource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.PrometheusMetrics;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import io.smecredit.ingestion.support.TopicProbe;
import io.smecredit.testsupport.ManagementInterface;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URL;
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
        // The operator's token is for this service (its aud names ingestion) but carries no gateway role.
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/telemetry")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://sme-credit.dev/problems/forbidden"))
                .body("detail", equalTo("The access token is valid but does not grant access to this resource: it "
                        + "needs the role 'gateway'."));
    }

    @Test
    void refusesATokenIssuedForAnotherServiceAsUnauthenticated() {
        // A bank's token is genuine, but its aud names the loan and scoring services, not ingestion.
        given().auth().oauth2(Tokens.bank()).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/telemetry")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("detail", org.hamcrest.Matchers.containsString("'ingestion-service'"));
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
        // Only the headers are sent: the server must refuse on the declared Content-Length alone, without waiting for
        // (or reading) 11 MB of body, and say why in problem+json.
        try (java.net.Socket socket = telemetryPostWith("Content-Length: " + (11 * 1024 * 1024))) {

            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).containsIgnoringCase("content-type: " + PROBLEM_JSON);
            assertThat(response).contains("payload-too-large").contains("10 MB");
        }
    }

    @Test
    void refusesAChunkedBodyThatGrowsBeyondTheLimitWithAProblem() throws Exception {
        // No Content-Length to judge by: the body is counted as it arrives (it was a bare 413 without a body).
        try (java.net.Socket socket = telemetryPostWith("Transfer-Encoding: chunked")) {
            java.io.OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 11; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // The server may answer and close before the whole body is sent: that is the point.
            }

            String response = responseOf(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).containsIgnoringCase("content-type: " + PROBLEM_JSON);
            assertThat(response).contains("payload-too-large");
        }
    }

    /** A raw connection with a gateway's telemetry POST head written (the body framing header given), no body yet. */
    private java.net.Socket telemetryPostWith(String framingHeader) throws java.io.IOException {
        java.net.Socket socket = new java.net.Socket(telemetryUrl.getHost(), telemetryUrl.getPort());
        socket.setSoTimeout(30_000);
        String head = "POST " + telemetryUrl.getPath() + " HTTP/1.1\r\n"
                + "Host: " + telemetryUrl.getHost() + ":" + telemetryUrl.getPort() + "\r\n"
                + "Authorization: Bearer " + Tokens.gateway() + "\r\n"
                + "Content-Type: application/json\r\n"
                + framingHeader + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Status line, headers and the Content-Length body, without waiting for the server to close the connection. */
    private static String responseOf(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void refusesAGzipBodyThatExpandsBeyondTheLimit() throws Exception {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(compressed)) {
            zip.write(new byte[11 * 1024 * 1024]);
        }
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON).header("Content-Encoding", "gzip")
                .body(compressed.toByteArray())
                .post("/api/v1/telemetry")
                .then().statusCode(413)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("after decompression"));
    }

    @Test
    void acceptsNdjsonGzipCompressed() throws Exception {
        String smeId = TestSmes.register("m-1");
        String ndjson = TestSmes.event("nd-1-" + UUID.randomUUID(), smeId, "m-1", recent(), 60, 0, 0, 1, 0, 1) + "\n"
                + "{not json\n"
                + TestSmes.event("nd-2-" + UUID.randomUUID(), smeId, "m-1", recent(), 60, 0, 0, 1, 0, 1) + "\n";
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(compressed)) {
            zip.write(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        given().auth().oauth2(Tokens.gateway()).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(compressed.toByteArray())
                .post("/api/v1/telemetry")
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(1))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].code", equalTo("malformed_json"));
    }

    @Test
    void refusesABodyDeclaredGzipThatIsNot() {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON).header("Content-Encoding", "gzip")
                .body("[]")
                .post("/api/v1/telemetry")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("not valid gzip"));
    }

    @Test
    void aGatewayBoundToAnSmeHasEventsOfOtherSmesRejectedAndDeadLettered() {
        String now = recent();
        String own = "own-" + UUID.randomUUID();
        String foreign = "foreign-" + UUID.randomUUID();
        try (TopicProbe deadLetters = TopicProbe.fromEnd(Topics.TELEMETRY_DEAD_LETTER.name())) {
            given().auth().oauth2(Tokens.gatewayOf("sme-001")).contentType(ContentType.JSON)
                    .body("[" + TestSmes.event(own, "sme-001", "m-1", now, 60, 0, 0, 1, 0, 1) + ","
                            + TestSmes.event(foreign, "sme-002", "m-1", now, 60, 0, 0, 1, 0, 1) + "]")
                    .post("/api/v1/telemetry")
                    .then().statusCode(202)
                    .body("accepted", equalTo(1))
                    .body("rejected", equalTo(1))
                    .body("errors[0].eventId", equalTo(foreign))
                    .body("errors[0].field", equalTo("smeId"))
                    .body("errors[0].code", equalTo("foreign_sme"))
                    .body("errors[0].reason", containsString("bound to SME 'sme-001'"));

            List<ConsumerRecord<String, String>> letters = await().atMost(Duration.ofSeconds(10))
                    .until(() -> deadLetters.pollKey("sme-002").stream()
                            .filter(record -> record.value().contains(foreign)).toList(), found -> !found.isEmpty());
            assertThat(letters.get(0).value()).contains("\"channel\":\"http\"").contains("\"source\":\"gateway-sme-001\"")
                    .contains("\"reason\":\"foreign_sme\"");
        }
    }

    @Test
    void aReusedGatewayTokenIsVerifiedOnceAndStillBindsTheGatewayToItsSme() {
        String token = Tokens.freshGatewayOf("sme-001");
        double misses = PrometheusMetrics.value("auth_token_cache_misses_total");
        double hits = PrometheusMetrics.value("auth_token_cache_hits_total");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("[" + TestSmes.event("own-" + UUID.randomUUID(), "sme-001", "m-1", recent(), 60, 0, 0, 1, 0, 1) + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202).body("accepted", equalTo(1));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("[" + TestSmes.event("foreign-" + UUID.randomUUID(), "sme-002", "m-1", recent(), 60, 0, 0, 1, 0, 1) + "]")
                    .post("/api/v1/telemetry")
                    .then().statusCode(202)
                    .body("accepted", equalTo(0))
                    .body("errors[0].code", equalTo("foreign_sme"))
                    .body("errors[0].reason", containsString("bound to SME 'sme-001'"));
        }

        // Verified by OIDC once, then answered from the cache with the same sme_id claim.
        assertThat(PrometheusMetrics.value("auth_token_cache_misses_total")).isGreaterThanOrEqualTo(misses + 1);
        assertThat(PrometheusMetrics.value("auth_token_cache_hits_total")).isGreaterThanOrEqualTo(hits + 2);
    }

    @Test
    void aDemoGatewayWithoutSmeClaimMayNotReportForOtherSmes() {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[" + TestSmes.event("e-" + UUID.randomUUID(), "acme-works", "m-1", recent(), 60, 0, 0, 1, 0, 1) + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202)
                .body("rejected", equalTo(1))
                .body("errors[0].code", equalTo("foreign_sme"));
    }

    @Test
    void everyRejectedEventReachesTheDeadLetterTopicWithItsReasons() {
        String smeId = TestSmes.register("m-1");
        String tooLate = "late-" + UUID.randomUUID();
        String future = "future-" + UUID.randomUUID();
        String eightDaysAgo = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        try (TopicProbe deadLetters = TopicProbe.fromEnd(Topics.TELEMETRY_DEAD_LETTER.name())) {
            given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                    .body("[" + TestSmes.event(tooLate, smeId, "m-1", eightDaysAgo, 60, 0, 0, 1, 0, 1) + ","
                            + TestSmes.event(future, smeId, "m-1", inAnHour, 60, 0, 0, 1, 0, 1) + "]")
                    .post("/api/v1/telemetry")
                    .then().statusCode(202)
                    .body("accepted", equalTo(0))
                    .body("errors.code", org.hamcrest.Matchers.contains("too_late", "in_future"));

            List<ConsumerRecord<String, String>> letters = await().atMost(Duration.ofSeconds(10))
                    .until(() -> deadLetters.pollKey(smeId), found -> found.size() >= 2);
            assertThat(letters).extracting(ConsumerRecord::value)
                    .anySatisfy(value -> assertThat(value).contains(tooLate).contains("\"reason\":\"too_late\"")
                            .contains("\"payload\":"))
                    .anySatisfy(value -> assertThat(value).contains(future).contains("\"reason\":\"in_future\""));
        }
        ManagementInterface.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ingestion_telemetry_events_rejected_total{channel=\"http\",reason=\"too_late\"}"));
    }

    @Test
    void anEventGivingAFieldTwiceIsRefusedAndDeadLetteredAsSent() {
        String smeId = TestSmes.register("m-1");
        String eventId = "twice-" + UUID.randomUUID();
        String twice = TestSmes.event(eventId, smeId, "m-1", recent(), 600, 0, 0, 10, 1, 2)
                .replace("\"unitsProduced\":10,", "\"unitsProduced\":10,\"unitsProduced\":10000,");
        try (TopicProbe deadLetters = TopicProbe.fromEnd(Topics.TELEMETRY_DEAD_LETTER.name())) {
            given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON).body("[" + twice + "]")
                    .post("/api/v1/telemetry")
                    .then().statusCode(202)
                    .body("accepted", equalTo(0))
                    .body("errors[0].field", equalTo("metrics.unitsProduced"))
                    .body("errors[0].code", equalTo("duplicate_field"));

            List<ConsumerRecord<String, String>> letters = await().atMost(Duration.ofSeconds(10))
                    .until(() -> deadLetters.pollKey(smeId), found -> !found.isEmpty());
            // The payload as sent: both values, where a JSON tree would have kept only the last.
            assertThat(letters.get(0).value()).contains("\"reason\":\"duplicate_field\"")
                    .contains("\\\"unitsProduced\\\":10,\\\"unitsProduced\\\":10000");
        }
    }

    @Test
    void acceptsTheValidEventsOfABatchAndReportsTheInvalidOnes() {
        String smeId = TestSmes.register("m-1");
        String now = recent();
        String body = "[" + TestSmes.event("ok-" + UUID.randomUUID(), smeId, "m-1", now, 600, 0, 0, 10, 1, 2) + ","
                + TestSmes.event("bad-1", smeId, "m-1", now, 600, -5, 0, 10, 1, 2) + "]";
        double acceptedBefore = PrometheusMetrics.value(ACCEPTED_HTTP);
        double negativeBefore = PrometheusMetrics.value(REJECTED_NEGATIVE_HTTP);

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

        assertThat(PrometheusMetrics.value(ACCEPTED_HTTP)).isEqualTo(acceptedBefore + 1);
        assertThat(PrometheusMetrics.value(REJECTED_NEGATIVE_HTTP)).isEqualTo(negativeBefore + 1);
    }

    @Test
    void anEventRepeatedInOneBatchIsAcceptedOnceAndCountedAsDuplicate() {
        String smeId = TestSmes.register("m-1");
        String event = TestSmes.event("dup-" + UUID.randomUUID(), smeId, "m-1", recent(), 600, 0, 0, 10, 1, 2);
        double acceptedBefore = PrometheusMetrics.value(ACCEPTED_HTTP);
        double duplicatesBefore = PrometheusMetrics.value(DUPLICATES_HTTP);

        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON).body("[" + event + "," + event + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(1))
                .body("rejected", equalTo(0));

        assertThat(PrometheusMetrics.value(ACCEPTED_HTTP)).isEqualTo(acceptedBefore + 1);
        assertThat(PrometheusMetrics.value(DUPLICATES_HTTP)).isEqualTo(duplicatesBefore + 1);
    }

    private static final String ACCEPTED_HTTP = "ingestion_telemetry_events_accepted_total{channel=\"http\"}";
    private static final String DUPLICATES_HTTP = "ingestion_telemetry_events_duplicates_total{channel=\"http\"}";
    private static final String REJECTED_NEGATIVE_HTTP =
            "ingestion_telemetry_events_rejected_total{channel=\"http\",reason=\"negative\"}";

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
