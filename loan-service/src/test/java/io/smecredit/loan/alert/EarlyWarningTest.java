package io.smecredit.loan.alert;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import io.smecredit.loan.alert.domain.WebhookSignature;
import io.smecredit.loan.report.ScorePublisher;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * A monitored SME's worsening reaches the banks that monitor it, through the feed and a signed, retried webhook;
 * webhooks never point into private networks.
 */
@QuarkusTest
class EarlyWarningTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    record Received(String timestamp, String signature, String body) {
    }

    private static ScorePublisher publisher;
    private static HttpServer receiver;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger CALLS = new AtomicInteger();

    @Inject
    io.vertx.core.Vertx vertx;

    @BeforeAll
    static void start() throws IOException {
        ScorePublisher.awaitServiceConsuming();
        publisher = new ScorePublisher();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body));
            // Every first call fails, so every alert is delivered only thanks to a retry.
            int status = CALLS.incrementAndGet() % 2 == 1 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        publisher.close();
    }

    @Test
    void aScoreWobblingOverAGradeEdgeIsReportedOnceUntilItFallsFurtherOrTheQuietPeriodEnds() {
        String bankA = KeycloakTokens.accessToken("bank-a");
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "monitoring");
        Instant start = Instant.parse("2026-09-01T00:00:00Z");
        // Day: grade (score). Told: day 2 (fell to C), day 5 (fell further, to D), day 51 (C again, 49 days after the
        // last time, past the 30-day quiet period). Not told: days 4 and 7, the same falls again within it.
        Object[][] days = {{1, "B", 621, 0.0099}, {2, "C", 619, 0.0101}, {3, "B", 621, 0.0099}, {4, "C", 619, 0.0101},
                {5, "D", 595, 0.021}, {6, "C", 610, 0.015}, {7, "D", 595, 0.021}, {50, "B", 621, 0.0099},
                {51, "C", 619, 0.0101}};
        for (Object[] day : days) {
            publisher.publish(smeId, (double) day[3], (int) day[2], (String) day[1], "xgb-it",
                    start.plus(Duration.ofDays((int) day[0])));
        }

        // Each prefix of the unsuppressed sequence (C, C, D, D, C) differs from this, so it cannot pass by timing.
        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(bankA).get("/api/v1/alerts")
                .then().statusCode(200)
                .body("alerts.findAll { it.smeId == '" + smeId + "' }.details.grade", equalTo(List.of("C", "D", "C")))
                .body("alerts.findAll { it.smeId == '" + smeId + "' }.occurredAt", equalTo(List.of(
                        "2026-09-03T00:00:00Z", "2026-09-06T00:00:00Z", "2026-10-22T00:00:00Z"))));
    }

    @Test
    void aGradeDowngradeReachesTheMonitoringBankByFeedAndBySignedRetriedWebhookButNoOtherBank() throws Exception {
        String bankA = KeycloakTokens.accessToken("bank-a");
        String secret = given().auth().oauth2(bankA).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"))
                .put("/api/v1/webhook")
                .then().statusCode(200).extract().path("secret");
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "credit-report,monitoring");
        Fixtures.validConsent(smeId, "bank-b", "credit-report");

        publisher.publish(smeId, 0.008, 720, "B", "xgb-it", Instant.parse("2026-10-01T00:00:00Z"));
        publisher.publish(smeId, 0.04, 610, "D", "xgb-it", Instant.parse("2026-10-02T00:00:00Z"));

        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(bankA).get("/api/v1/alerts")
                .then().statusCode(200)
                .body("alerts.findAll { it.smeId == '" + smeId + "' }.type", equalTo(List.of("GRADE_DOWNGRADE")))
                .body("alerts.find { it.smeId == '" + smeId + "' }.details.previousGrade", equalTo("B"))
                .body("alerts.find { it.smeId == '" + smeId + "' }.details.grade", equalTo("D"))
                .body("alerts.find { it.smeId == '" + smeId + "' }.details.modelChanged", equalTo(false)));
        given().auth().oauth2(KeycloakTokens.accessToken("bank-b")).get("/api/v1/alerts")
                .then().statusCode(200).body("alerts.smeId", not(hasItem(smeId)));

        await().atMost(WITHIN).until(() -> deliveriesFor(smeId).size() >= 2);
        List<Received> deliveries = deliveriesFor(smeId);
        for (Received delivery : deliveries) {
            assertThat(WebhookSignature.verify(secret, Long.parseLong(delivery.timestamp()), delivery.body(),
                    delivery.signature())).as("signature of %s", delivery.body()).isTrue();
        }
        assertThat(deliveries.get(1).body()).isEqualTo(deliveries.get(0).body()).contains("GRADE_DOWNGRADE");
        // A receiver that verifies the signature rejects a body altered in transit.
        assertThat(WebhookSignature.verify(secret, Long.parseLong(deliveries.get(0).timestamp()),
                deliveries.get(0).body().replace("\"D\"", "\"A\""), deliveries.get(0).signature())).isFalse();

        // The signing secret is not readable from the database, and every delivery attempt is in the audit chain.
        assertThat(webhookColumns("bank-a")).doesNotContain(secret).noneMatch(v -> v.contains(secret.substring(6)));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(auditDetails(smeId, "WEBHOOK_DELIVERY"))
                .anyMatch(d -> d.contains("outcome=failed") && d.contains("HTTP 503"))
                .anyMatch(d -> d.contains("outcome=delivered")));
        given().auth().oauth2(bankA).delete("/api/v1/webhook").then().statusCode(204);
    }

    @Test
    void aFallThatComesWithANewModelIsToldAndMarkedAsSuch() {
        String bankA = KeycloakTokens.accessToken("bank-a");
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "monitoring");
        publisher.publish(smeId, 0.008, 720, "B", "xgb-old", Instant.parse("2026-10-01T00:00:00Z"));
        publisher.publish(smeId, 0.04, 610, "D", "xgb-new", Instant.parse("2026-10-02T00:00:00Z"));

        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(bankA).get("/api/v1/alerts")
                .then().statusCode(200)
                .body("alerts.findAll { it.smeId == '" + smeId + "' }.type", equalTo(List.of("GRADE_DOWNGRADE")))
                .body("alerts.find { it.smeId == '" + smeId + "' }.details.modelChanged", equalTo(true))
                .body("alerts.find { it.smeId == '" + smeId + "' }.details.previousModelVersion", equalTo("xgb-old"))
                .body("alerts.find { it.smeId == '" + smeId + "' }.details.modelVersion", equalTo("xgb-new")));
    }

    @Test
    void productionStoppingIsAnAlertAndTheFeedPagesWithItsCursor() {
        String bankA = KeycloakTokens.accessToken("bank-a");
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "monitoring");

        publisher.publishFeatures(smeId, Instant.parse("2026-10-01T00:00:00Z"), "{\"days_since_output\":0.0}");
        publisher.publishFeatures(smeId, Instant.parse("2026-10-06T00:00:00Z"), "{\"days_since_output\":5.0}");

        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(bankA).get("/api/v1/alerts")
                .then().statusCode(200)
                .body("alerts.findAll { it.smeId == '" + smeId + "' }.type", equalTo(List.of("PRODUCTION_STOPPED"))));
        String cursor = given().auth().oauth2(bankA).get("/api/v1/alerts")
                .then().extract().path("alerts.find { it.smeId == '" + smeId + "' }.id").toString();

        given().auth().oauth2(bankA).queryParam("after", cursor).get("/api/v1/alerts")
                .then().statusCode(200).body("alerts.smeId", not(hasItem(smeId)));
        given().auth().oauth2(bankA).queryParam("after", "yesterday").get("/api/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("after"));
        // A cursor the feed never handed out would silently skip every alert up to it.
        given().auth().oauth2(bankA).queryParam("after", Long.MAX_VALUE).get("/api/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("after"))
                .body("detail", org.hamcrest.Matchers.containsString("ahead of this feed"));
        // A page of one is the first alert of the full page, and its cursor is that alert.
        Object first = given().auth().oauth2(bankA).get("/api/v1/alerts").then().extract().path("alerts[0].id");
        given().auth().oauth2(bankA).queryParam("limit", 1).get("/api/v1/alerts")
                .then().statusCode(200).body("alerts.id", equalTo(List.of(first)))
                .body("nextCursor", equalTo(first.toString()));
        given().auth().oauth2(bankA).queryParam("limit", 101).get("/api/v1/alerts")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void aFeedPageWithManyAlertsOfOneSmeIsServedAndItsReadRecordedWithEveryAlert() throws Exception {
        String bankA = KeycloakTokens.accessToken("bank-a");
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "monitoring");
        // 60 numbers joined take over 128 characters, even from 1: with all of them as the audit record's resource id,
        // the read failed (503) on every try, and the feed stalled there.
        List<Long> numbers = java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> Fixtures.alert(smeId, "bank-a")).toList();

        given().auth().oauth2(bankA).queryParam("after", numbers.get(0) - 1).get("/api/v1/alerts")
                .then().statusCode(200)
                .body("alerts.findAll { it.smeId == '" + smeId + "' }.id",
                        equalTo(numbers.stream().map(Long::intValue).toList()));

        List<String> read = auditColumns(smeId, "ALERTS_READ");
        assertThat(read.get(0)).isEqualTo("alerts:" + numbers.get(0) + ".." + numbers.get(59));
        assertThat(read.get(1)).isEqualTo("count=60; alerts=" + numbers.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")));
    }

    @Test
    void removingTheWebhookDropsItsPendingDeliveriesSoALaterWebhookNeverReceivesThem() throws Exception {
        String bankB = KeycloakTokens.accessToken("bank-b");
        given().auth().oauth2(bankB).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"))
                .put("/api/v1/webhook").then().statusCode(200);
        String smeId = Fixtures.freshSmeId();
        String otherBanks = Fixtures.freshSmeId();
        try {
            Fixtures.validConsent(smeId, "bank-b", "monitoring");
            Fixtures.validConsent(otherBanks, "bank-a", "monitoring");
            // Deliveries waiting for their next attempt, as after a failed one: the worker leaves them alone meanwhile.
            pendingDelivery(Fixtures.alert(smeId, "bank-b"), "bank-b");
            pendingDelivery(Fixtures.alert(otherBanks, "bank-a"), "bank-a");

            given().auth().oauth2(bankB).delete("/api/v1/webhook").then().statusCode(204);

            assertThat(deliveryOutcome(smeId)).isEqualTo("failed: the bank removed its webhook");
            assertThat(deliveryOutcome(otherBanks)).as("another bank's delivery").startsWith("pending");
        } finally {
            given().auth().oauth2(bankB).delete("/api/v1/webhook").then().statusCode(204);
            try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                    "DELETE FROM webhook_delivery WHERE alert_id IN (SELECT id FROM alert WHERE sme_id = ?)")) {
                s.setString(1, otherBanks);
                s.executeUpdate();
            }
        }
    }

    /** Queues the delivery of the bank's alert {@code number} as failed once and due again only in an hour. */
    private static void pendingDelivery(long number, String bankId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_delivery (alert_id, bank_id, status, attempts, next_attempt_at, last_error) "
                        + "SELECT id, bank_id, 'pending', 1, now() + interval '1 hour', 'HTTP 503' FROM alert "
                        + "WHERE bank_id = ? AND seq = ?")) {
            s.setString(1, bankId);
            s.setLong(2, number);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void alertsOfAnSmeDisappearFromTheFeedOnceItsMonitoringConsentEnds() throws Exception {
        String bankA = KeycloakTokens.accessToken("bank-a");
        String smeId = Fixtures.freshSmeId();
        java.util.UUID consent = Fixtures.validConsent(smeId, "bank-a", "monitoring");
        publisher.publish(smeId, 0.008, 720, "B", "xgb-it", Instant.parse("2026-10-01T00:00:00Z"));
        publisher.publish(smeId, 0.009, 640, "B", "xgb-it", Instant.parse("2026-10-02T00:00:00Z"));
        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(bankA).get("/api/v1/alerts")
                .then().body("alerts.findAll { it.smeId == '" + smeId + "' }.type", equalTo(List.of("SCORE_DROP"))));

        given().auth().oauth2(bankA).delete("/api/v1/consents/{id}", consent).then().statusCode(200);

        given().auth().oauth2(bankA).get("/api/v1/alerts").then().statusCode(200).body("alerts.smeId", not(hasItem(smeId)));
    }

    @Test
    void webhooksIntoPrivateLoopbackOrLinkLocalNetworksAreRefused() {
        String bankB = KeycloakTokens.accessToken("bank-b");
        for (String url : List.of("http://10.0.0.5/hook", "http://192.168.1.20/hook", "http://172.16.0.1/hook",
                "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/hook", "http://localhost:9000/hook",
                "http://[fd00::1]/hook", "http://0.0.0.0/hook", "ftp://93.184.216.34/hook", "not a url")) {
            given().auth().oauth2(bankB).contentType(ContentType.JSON).body(Map.of("url", url))
                    .put("/api/v1/webhook")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("url")));
        }
        given().auth().oauth2(bankB).contentType(ContentType.JSON).body(Map.of("url", "https://93.184.216.34/hook"))
                .put("/api/v1/webhook")
                .then().statusCode(200).body("url", equalTo("https://93.184.216.34/hook"));
        given().auth().oauth2(bankB).get("/api/v1/webhook")
                .then().statusCode(200).body("url", equalTo("https://93.184.216.34/hook"))
                .body("$", not(org.hamcrest.Matchers.hasKey("secret")));
        given().auth().oauth2(bankB).delete("/api/v1/webhook").then().statusCode(204);
    }

    @Test
    void aDeliveryIsRefusedWhenTheWebhookHostNowResolvesToALoopbackAddress() throws Exception {
        String bankB = KeycloakTokens.accessToken("bank-b");
        int port = receiver.getAddress().getPort();
        given().auth().oauth2(bankB).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + port + "/hooks"))
                .put("/api/v1/webhook").then().statusCode(200);
        try {
            // As if the host's DNS answer changed after registration (rebinding): 'localhost' is not allow-listed.
            try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                    "UPDATE webhook SET url = ? WHERE bank_id = 'bank-b'")) {
                s.setString(1, "http://localhost:" + port + "/hooks");
                s.executeUpdate();
            }
            String smeId = Fixtures.freshSmeId();
            Fixtures.validConsent(smeId, "bank-b", "monitoring");
            publisher.publish(smeId, 0.008, 720, "B", "xgb-it", Instant.parse("2026-10-01T00:00:00Z"));
            publisher.publish(smeId, 0.04, 610, "D", "xgb-it", Instant.parse("2026-10-02T00:00:00Z"));

            await().atMost(WITHIN).until(() -> deliveryOutcome(smeId), v -> v != null && v.startsWith("failed"));
            assertThat(deliveryOutcome(smeId)).contains("refused target").contains("loopback");
            assertThat(deliveriesFor(smeId)).isEmpty();
            assertThat(auditDetails(smeId, "WEBHOOK_DELIVERY")).singleElement().asString().contains("outcome=refused");
        } finally {
            given().auth().oauth2(bankB).delete("/api/v1/webhook").then().statusCode(204);
        }
    }

    @Test
    void aRetryIsNotSentOnceTheSmeHasRevokedTheMonitoringConsent() throws Exception {
        String bankB = KeycloakTokens.accessToken("bank-b");
        String smeId = Fixtures.freshSmeId();
        java.util.UUID consent = Fixtures.validConsent(smeId, "bank-b", "monitoring");
        AtomicInteger calls = new AtomicInteger();
        // The SME revokes while the first attempt is in flight, which then fails: the retry is what must not happen.
        HttpServer revokingReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        revokingReceiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (calls.incrementAndGet() == 1) {
                Fixtures.consentStatus(consent, "revokedBySme");
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        revokingReceiver.start();
        try {
            given().auth().oauth2(bankB).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + revokingReceiver.getAddress().getPort() + "/hooks"))
                    .put("/api/v1/webhook").then().statusCode(200);
            publisher.publish(smeId, 0.008, 720, "B", "xgb-it", Instant.parse("2026-10-01T00:00:00Z"));
            publisher.publish(smeId, 0.04, 610, "D", "xgb-it", Instant.parse("2026-10-02T00:00:00Z"));

            await().atMost(WITHIN).until(() -> deliveryOutcome(smeId), v -> v != null && v.startsWith("failed"));
            assertThat(deliveryOutcome(smeId)).contains("the monitoring consent has ended");
            assertThat(calls.get()).isEqualTo(1);
        } finally {
            given().auth().oauth2(bankB).delete("/api/v1/webhook").then().statusCode(204);
            revokingReceiver.stop(0);
        }
    }

    @Test
    void aSecretThatNoLongerDecryptsIsACountedAuditedFailedAttemptNotAnEndlessRetry() throws Exception {
        String bankB = KeycloakTokens.accessToken("bank-b");
        given().auth().oauth2(bankB).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"))
                .put("/api/v1/webhook").then().statusCode(200);
        String smeId = Fixtures.freshSmeId();
        try {
            // As after a change of LOAN_WEBHOOK_SECRET_KEY: the stored ciphertext no longer opens.
            try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                    "UPDATE webhook SET secret_sealed = ? WHERE bank_id = 'bank-b'")) {
                s.setString(1, "v1:" + java.util.Base64.getEncoder().encodeToString(new byte[48]));
                s.executeUpdate();
            }
            Fixtures.validConsent(smeId, "bank-b", "monitoring");
            publisher.publish(smeId, 0.008, 720, "B", "xgb-it", Instant.parse("2026-10-01T00:00:00Z"));
            publisher.publish(smeId, 0.04, 610, "D", "xgb-it", Instant.parse("2026-10-02T00:00:00Z"));

            // Counted attempts (1, 2, ...) with the test's short backoff, so the usual limit of attempts ends it.
            await().atMost(WITHIN).untilAsserted(() -> assertThat(auditDetails(smeId, "WEBHOOK_DELIVERY"))
                    .anyMatch(d -> d.contains("attempt=1;")).anyMatch(d -> d.contains("attempt=2;"))
                    .allMatch(d -> d.contains("outcome=failed") && d.contains("cannot be decrypted")));
            assertThat(deliveryOutcome(smeId)).contains("register its webhook again");
            assertThat(deliveriesFor(smeId)).isEmpty();
        } finally {
            given().auth().oauth2(bankB).delete("/api/v1/webhook").then().statusCode(204);
            // Its next retry ends it (no webhook); else a later test's new bank-b webhook would receive it.
            await().atMost(WITHIN).until(() -> deliveryOutcome(smeId), v -> v == null || v.startsWith("failed"));
        }
    }

    /**
     * A bank's endpoint that answers its status and headers and then trickles its body a byte a second, never ending
     * it: the request timeout is an idle timeout, restarted by every byte, so without a deadline of its own the attempt
     * never ended, nor did the round waiting for it, and no other bank got a webhook from this instance again.
     */
    @Test
    void anEndpointTricklingItsAnswerForeverFailsAtTheDeadlineAndDoesNotHoldUpAnotherBanksDeliveries()
            throws Exception {
        AtomicInteger trickled = new AtomicInteger();
        AtomicInteger closedByTheService = new AtomicInteger();
        io.vertx.core.http.HttpServer trickler = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(ignored -> {
                    trickled.incrementAndGet();
                    io.vertx.core.http.HttpServerResponse response = request.response().setChunked(true);
                    response.write("."); // sends the status and headers
                    long timer = vertx.setPeriodic(1000, id -> response.write("."));
                    response.closeHandler(closed -> {
                        vertx.cancelTimer(timer);
                        closedByTheService.incrementAndGet();
                    });
                }))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HttpServer prompt = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prompt.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        prompt.start();
        String bankA = KeycloakTokens.accessToken("bank-a");
        String bankB = KeycloakTokens.accessToken("bank-b");
        try {
            given().auth().oauth2(bankB).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + trickler.actualPort() + "/hooks"))
                    .put("/api/v1/webhook").then().statusCode(200);
            given().auth().oauth2(bankA).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + prompt.getAddress().getPort() + "/hooks"))
                    .put("/api/v1/webhook").then().statusCode(200);
            String toTrickler = Fixtures.freshSmeId();
            Fixtures.validConsent(toTrickler, "bank-b", "monitoring");
            dueDelivery(Fixtures.alert(toTrickler, "bank-b"), "bank-b");
            await().atMost(WITHIN).until(() -> trickled.get() >= 1);

            // Queued while the trickled attempt runs: it needs a later round.
            String toPrompt = Fixtures.freshSmeId();
            Fixtures.validConsent(toPrompt, "bank-a", "monitoring");
            dueDelivery(Fixtures.alert(toPrompt, "bank-a"), "bank-a");

            await().atMost(WITHIN).until(() -> deliveryOutcome(toPrompt), v -> v != null && v.startsWith("delivered"));
            // The trickled attempt ended as a failed one, recorded and retried like any other, its connection closed.
            await().atMost(WITHIN).untilAsserted(() -> assertThat(auditDetails(toTrickler, "WEBHOOK_DELIVERY"))
                    .anyMatch(d -> d.startsWith("attempt=1; outcome=failed;") && d.contains("delivery deadline")));
            await().atMost(WITHIN).until(() -> closedByTheService.get() >= 1);
            await().atMost(WITHIN).until(() -> deliveryOutcome(toTrickler),
                    v -> v != null && v.startsWith("pending") && v.contains("delivery deadline"));
        } finally {
            // Drops the pending retries, so no later webhook of these banks receives them.
            given().auth().oauth2(bankB).delete("/api/v1/webhook").then().statusCode(204);
            given().auth().oauth2(bankA).delete("/api/v1/webhook").then().statusCode(204);
            trickler.close();
            prompt.stop(0);
        }
    }

    /**
     * The SME sees each webhook attempt with its alert in its access log, and how it ended; the bank's webhook host and
     * its server's errors are the bank's infrastructure, kept in the audit record for operators only.
     */
    @Test
    void theSmeSeesWebhookAttemptsInItsAccessLogButNotTheBanksServerOrItsErrors() throws Exception {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        String bankA = KeycloakTokens.accessToken("bank-a");
        // A demo SME, whose owner can sign in; a consent of minutes, revoked at the end.
        java.util.UUID consent = Fixtures.consent("sme-003", "bank-a", "monitoring", "valid",
                Instant.now().plusSeconds(600));
        try {
            given().auth().oauth2(bankA).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + failing.getAddress().getPort() + "/hooks"))
                    .put("/api/v1/webhook").then().statusCode(200);
            String alert = "alert:" + alertId("bank-a", dueDelivery(Fixtures.alert("sme-003", "bank-a"), "bank-a"));
            await().atMost(WITHIN).until(() -> auditDetailsOf(alert).size() >= 2);
            // The operators' record is unchanged: the bank's host and its answer.
            assertThat(auditDetailsOf(alert)).allMatch(d -> d.contains("outcome=failed; 127.0.0.1: HTTP 503"));

            given().auth().oauth2(KeycloakTokens.smeOwnerToken("sme-003")).get("/api/v1/me/access-log")
                    .then().statusCode(200)
                    .body("findAll { it.resourceId == '" + alert + "' }.action",
                            everyItem(equalTo("WEBHOOK_DELIVERY")))
                    .body("findAll { it.resourceId == '" + alert + "' }.details",
                            hasItems("attempt=1; outcome=failed", "attempt=2; outcome=failed"))
                    .body("findAll { it.resourceId == '" + alert + "' }.details",
                            everyItem(matchesPattern("attempt=\\d+; outcome=failed")));
        } finally {
            given().auth().oauth2(bankA).delete("/api/v1/webhook").then().statusCode(204);
            Fixtures.consentStatus(consent, "revokedBySme");
            failing.stop(0);
        }
    }

    /** Queues the delivery of the bank's alert {@code number}, due now; returns the number. */
    private static long dueDelivery(long number, String bankId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_delivery (alert_id, bank_id, status, attempts, next_attempt_at) "
                        + "SELECT id, bank_id, 'pending', 0, now() FROM alert WHERE bank_id = ? AND seq = ?")) {
            s.setString(1, bankId);
            s.setLong(2, number);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        return number;
    }

    private static long alertId(String bankId, long number) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM alert WHERE bank_id = ? AND seq = ?")) {
            s.setString(1, bankId);
            s.setLong(2, number);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    /** The details of the audit records about one resource (e.g. alert:17), oldest first. */
    private static List<String> auditDetailsOf(String resourceId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT details FROM audit_log WHERE resource_id = ? ORDER BY seq")) {
            s.setString(1, resourceId);
            ResultSet rs = s.executeQuery();
            List<String> details = new java.util.ArrayList<>();
            while (rs.next()) {
                details.add(rs.getString(1));
            }
            return details;
        }
    }

    private static String deliveryOutcome(String smeId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT d.status || ': ' || coalesce(d.last_error, '') FROM webhook_delivery d "
                        + "JOIN alert a ON a.id = d.alert_id WHERE a.sme_id = ?")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<String> webhookColumns(String bankId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT url, coalesce(secret, ''), coalesce(secret_sealed, '') FROM webhook WHERE bank_id = ?")) {
            s.setString(1, bankId);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).as("webhook row of %s", bankId).isTrue();
            return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    @Test
    void eachBankNumbersItsOwnAlertsSoTheirIdsSayNothingAboutOtherBanksAlerts() throws Exception {
        String both = Fixtures.freshSmeId();
        String onlyB = Fixtures.freshSmeId();
        Fixtures.validConsent(both, "bank-a", "monitoring");
        Fixtures.validConsent(both, "bank-b", "monitoring");
        Fixtures.validConsent(onlyB, "bank-b", "monitoring");
        Instant day = Instant.parse("2026-08-01T00:00:00Z");

        // bank-a's two alerts about 'both' are raised with one of bank-b's alone in between.
        publisher.publish(both, 0.008, 720, "B", "xgb-it", day);
        publisher.publish(both, 0.04, 610, "D", "xgb-it", day.plus(Duration.ofDays(1)));
        await().atMost(WITHIN).until(() -> alertNumbers("bank-a", both).size() == 1);
        publisher.publish(onlyB, 0.008, 720, "B", "xgb-it", day);
        publisher.publish(onlyB, 0.04, 610, "D", "xgb-it", day.plus(Duration.ofDays(1)));
        await().atMost(WITHIN).until(() -> alertNumbers("bank-b", onlyB).size() == 1);
        publisher.publish(both, 0.045, 540, "D", "xgb-it", day.plus(Duration.ofDays(2)));
        await().atMost(WITHIN).until(() -> alertNumbers("bank-a", both).size() == 2);

        List<Long> numbers = alertNumbers("bank-a", both);
        assertThat(numbers.get(1)).as("no gap for bank-b's alert").isEqualTo(numbers.get(0) + 1);
        for (String bank : List.of("bank-a", "bank-b")) {
            List<Long> all = alertNumbers(bank, null);
            assertThat(all).as(bank).isEqualTo(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
        }
    }

    /** The bank's alert numbers (feed ids), of one SME or of all when {@code smeId} is null, in order. */
    private static List<Long> alertNumbers(String bank, String smeId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT seq FROM alert WHERE bank_id = ? AND (CAST(? AS VARCHAR) IS NULL OR sme_id = ?) ORDER BY seq")) {
            s.setString(1, bank);
            s.setString(2, smeId);
            s.setString(3, smeId);
            ResultSet rs = s.executeQuery();
            List<Long> numbers = new java.util.ArrayList<>();
            while (rs.next()) {
                numbers.add(rs.getLong(1));
            }
            return numbers;
        }
    }

    private static List<String> auditDetails(String smeId, String action) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT details FROM audit_log WHERE sme_id = ? AND action = ? ORDER BY seq")) {
            s.setString(1, smeId);
            s.setString(2, action);
            ResultSet rs = s.executeQuery();
            List<String> details = new java.util.ArrayList<>();
            while (rs.next()) {
                details.add(rs.getString(1));
            }
            return details;
        }
    }

    /** The resource id and the details of the SME's only record of {@code action}. */
    private static List<String> auditColumns(String smeId, String action) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT resource_id, details FROM audit_log WHERE sme_id = ? AND action = ?")) {
            s.setString(1, smeId);
            s.setString(2, action);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).as("a record of %s", action).isTrue();
            List<String> columns = List.of(rs.getString(1), rs.getString(2));
            assertThat(rs.next()).as("only one record of %s", action).isFalse();
            return columns;
        }
    }

    private static List<Received> deliveriesFor(String smeId) {
        return RECEIVED.stream().filter(r -> r.body().contains("\"" + smeId + "\"")).toList();
    }
}
