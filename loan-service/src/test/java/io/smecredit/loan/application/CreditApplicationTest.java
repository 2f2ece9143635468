package io.smecredit.loan.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Banks apply for credit for consented SMEs; decisions are policy + score, recorded once, retry-safe. */
@QuarkusTest
class CreditApplicationTest {

    private static final String APPLICATIONS = "/api/v1/credit-applications";

    /** An SME with a fresh grade-B score, steady production of 5,000 units a day, and bank-a's consent. */
    private static String healthySme() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 720, 0.008, "B", Instant.now());
        Fixtures.features(smeId, Instant.now(), "{\"days_since_output\":0.0,\"output_units_per_day_90d\":5000.0}");
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        return smeId;
    }

    private static Map<String, Object> application(String smeId, int amount) {
        return Map.of("smeId", smeId, "product", "WORKING_CAPITAL", "amount", amount, "currency", "EUR",
                "termMonths", 12);
    }

    private static Response apply(String token, String key, Map<String, Object> body) {
        return given().auth().oauth2(token).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post(APPLICATIONS);
    }

    @Test
    void aHealthySmeIsApprovedPricedByGradeAndOnlyTheApplyingBankCanReadTheDecision() {
        String smeId = healthySme();
        Fixtures.validConsent(smeId, "bank-b", "credit-report");
        String bankA = KeycloakTokens.accessToken("bank-a");

        String id = apply(bankA, UUID.randomUUID().toString(), application(smeId, 50_000))
                .then().statusCode(201)
                .body("decision.outcome", equalTo("APPROVE"))
                .body("decision.limit", equalTo(50000.0f))
                .body("decision.annualRateBps", equalTo(550))
                .body("policyVersion", equalTo("2026-12-v3"))
                .body("modelVersion", equalTo("xgb-fixture"))
                .body("inputs.grade", equalTo("B"))
                .body("inputs.policy.version", equalTo("2026-12-v3"))
                .extract().path("id");

        given().auth().oauth2(bankA).get(APPLICATIONS + "/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("decision.outcome", equalTo("APPROVE"));
        // bank-b holds consent for this SME too, but the application is bank-a's.
        String foreign = given().auth().oauth2(KeycloakTokens.accessToken("bank-b")).get(APPLICATIONS + "/{id}", id)
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        String random = UUID.randomUUID().toString();
        String missing = given().auth().oauth2(KeycloakTokens.accessToken("bank-b")).get(APPLICATIONS + "/{id}", random)
                .then().statusCode(404).extract().path("detail");
        assertThat(foreign.replace(id, "<id>")).isEqualTo(missing.replace(random, "<id>"));
    }

    @Test
    void aBankListsItsOwnApplicationsForAnSmeNewestFirstAndNeverAnotherBanks() {
        String smeId = healthySme();
        Fixtures.validConsent(smeId, "bank-b", "credit-report");
        String bankA = KeycloakTokens.accessToken("bank-a");
        String bankB = KeycloakTokens.accessToken("bank-b");
        String first = apply(bankA, UUID.randomUUID().toString(), application(smeId, 20_000))
                .then().statusCode(201).extract().path("id");
        String second = apply(bankA, UUID.randomUUID().toString(), application(smeId, 30_000))
                .then().statusCode(201).extract().path("id");
        String banksB = apply(bankB, UUID.randomUUID().toString(), application(smeId, 10_000))
                .then().statusCode(201).extract().path("id");

        given().auth().oauth2(bankA).queryParam("smeId", smeId).get(APPLICATIONS)
                .then().statusCode(200)
                .body("id", equalTo(List.of(second, first)))
                .body("decision.outcome", equalTo(List.of("APPROVE", "APPROVE")))
                .body("amount", equalTo(List.of(30000.0f, 20000.0f)));
        given().auth().oauth2(bankB).queryParam("smeId", smeId).get(APPLICATIONS)
                .then().statusCode(200).body("id", equalTo(List.of(banksB)));

        given().auth().oauth2(bankA).get(APPLICATIONS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("smeId")));
        given().auth().oauth2(bankA).queryParam("smeId", "SME 1").get(APPLICATIONS)
                .then().statusCode(400).body("errors.field", equalTo(List.of("smeId")));
    }

    @Test
    void aBankPagesThroughItsApplicationsByFollowingTheLinkHeader() {
        String smeId = healthySme();
        Fixtures.validConsent(smeId, "bank-b", "credit-report");
        String bankA = KeycloakTokens.accessToken("bank-a");
        List<String> created = IntStream.range(0, 3).mapToObj(i -> apply(bankA, UUID.randomUUID().toString(),
                application(smeId, 10_000 + i)).then().statusCode(201).extract().<String>path("id")).toList();
        String banksB = apply(KeycloakTokens.accessToken("bank-b"), UUID.randomUUID().toString(),
                application(smeId, 5_000)).then().statusCode(201).extract().path("id");

        Response firstPage = given().auth().oauth2(bankA).queryParam("smeId", smeId).queryParam("limit", 2)
                .get(APPLICATIONS);
        firstPage.then().statusCode(200).body("id", equalTo(List.of(created.get(2), created.get(1))));
        String next = firstPage.header("Link");
        assertThat(next).isEqualTo("</api/v1/credit-applications?smeId=" + smeId + "&before=" + created.get(1)
                + "&limit=2>; rel=\"next\"");
        Response lastPage = given().auth().oauth2(bankA).urlEncodingEnabled(false)
                .get(next.substring(1, next.indexOf('>')));
        lastPage.then().statusCode(200).body("id", equalTo(List.of(created.get(0))));
        assertThat(lastPage.header("Link")).as("a page that is not full is the last").isNull();
        // The default page holds all three: not full, so no Link either.
        Response all = given().auth().oauth2(bankA).queryParam("smeId", smeId).get(APPLICATIONS);
        all.then().statusCode(200).body("id", equalTo(List.of(created.get(2), created.get(1), created.get(0))));
        assertThat(all.header("Link")).isNull();

        // Another bank's application is no cursor for this bank, and neither is a malformed id.
        for (String foreignOrMalformed : List.of(banksB, "not-an-id")) {
            given().auth().oauth2(bankA).queryParam("smeId", smeId).queryParam("before", foreignOrMalformed)
                    .get(APPLICATIONS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("before")));
        }
        given().auth().oauth2(bankA).queryParam("limit", "101").get(APPLICATIONS)
                .then().statusCode(400).body("errors.field", equalTo(List.of("smeId", "limit")))
                .body("errors[1].reason", equalTo("must be a whole number from 1 to 100"));
    }

    /**
     * The feature values a decision read are the SME's production figures, which the SME shows a bank only with
     * 'features-summary': with 'credit-report' alone, the answer at creation, its replay, the read and the list leave
     * them out, while the decision (outcome, limit, reasons) and the rest of its inputs stay. The record keeps them.
     */
    @Test
    void withCreditReportAloneTheAnswersLeaveOutTheFeatureValuesButNotTheDecision() throws Exception {
        String smeId = healthySme();
        String bank = KeycloakTokens.accessToken("bank-a");
        String key = UUID.randomUUID().toString();

        Response created = apply(bank, key, application(smeId, 500_000));
        String id = created.then().statusCode(201).extract().path("id");
        Response replay = apply(bank, key, application(smeId, 500_000));
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(created.asString());
        for (var answer : List.of(created.then(), replay.then(),
                given().auth().oauth2(bank).get(APPLICATIONS + "/{id}", id).then().statusCode(200))) {
            answer.body("decision.outcome", equalTo("REFER"))
                    .body("decision.limit", equalTo(200000.0f))
                    .body("decision.reasons.code", equalTo(List.of("EXPOSURE_CAP")))
                    .body("inputs.grade", equalTo("B"))
                    .body("inputs.policy.version", equalTo("2026-12-v3"))
                    .body("inputs", not(hasKey("features")))
                    .body("inputs", not(hasKey("featuresAsOf")));
        }
        given().auth().oauth2(bank).queryParam("smeId", smeId).get(APPLICATIONS)
                .then().statusCode(200)
                .body("id", equalTo(List.of(id)))
                .body("[0].decision.outcome", equalTo("REFER"))
                .body("[0].inputs.grade", equalTo("B"))
                .body("[0].inputs", not(hasKey("features")))
                .body("[0].inputs", not(hasKey("featuresAsOf")));

        // The decision's record is complete, so it can still be recomputed.
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT inputs FROM credit_application WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            JsonNode recorded = new ObjectMapper().readTree(rs.getString(1));
            assertThat(recorded.at("/features/output_units_per_day_90d").asDouble()).isEqualTo(5000.0);
            assertThat(recorded.get("featuresAsOf").isTextual()).isTrue();
        }
    }

    @Test
    void withFeaturesSummaryTooTheAnswersShowTheFeatureValuesTheDecisionRead() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 720, 0.008, "B", Instant.now());
        Fixtures.features(smeId, Instant.now(), "{\"days_since_output\":0.0,\"output_units_per_day_90d\":5000.0}");
        Fixtures.validConsent(smeId, "bank-a", "credit-report,features-summary");
        String bank = KeycloakTokens.accessToken("bank-a");

        Response created = apply(bank, UUID.randomUUID().toString(), application(smeId, 50_000));
        String id = created.then().statusCode(201).extract().path("id");
        for (var answer : List.of(created.then(),
                given().auth().oauth2(bank).get(APPLICATIONS + "/{id}", id).then().statusCode(200))) {
            answer.body("decision.outcome", equalTo("APPROVE"))
                    .body("inputs.features.output_units_per_day_90d", equalTo(5000.0f))
                    .body("inputs.features.days_since_output", equalTo(0.0f))
                    .body("inputs.featuresAsOf", notNullValue());
        }
        given().auth().oauth2(bank).queryParam("smeId", smeId).get(APPLICATIONS)
                .then().statusCode(200)
                .body("[0].id", equalTo(id))
                .body("[0].inputs.features.output_units_per_day_90d", equalTo(5000.0f))
                .body("[0].inputs.featuresAsOf", notNullValue());
    }

    /**
     * A replay is the stored answer, but no more than the bank may see when it asks again: once the SME's
     * 'features-summary' consent is gone, the replay leaves the feature values out, everything else as stored.
     */
    @Test
    void aReplayAfterTheFeaturesSummaryConsentIsGoneLeavesOutTheFeatureValues() throws Exception {
        String smeId = healthySme();
        UUID featuresSummary = Fixtures.validConsent(smeId, "bank-a", "credit-report,features-summary");
        String bank = KeycloakTokens.accessToken("bank-a");
        String key = UUID.randomUUID().toString();
        Response created = apply(bank, key, application(smeId, 20_000));
        String id = created.then().statusCode(201)
                .body("inputs.features.output_units_per_day_90d", equalTo(5000.0f))
                .body("inputs.featuresAsOf", notNullValue())
                .extract().path("id");

        Fixtures.consentStatus(featuresSummary, "revokedBySme");

        Response replay = apply(bank, key, application(smeId, 20_000));
        replay.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", APPLICATIONS + "/" + id)
                .body("id", equalTo(id))
                .body("decision.outcome", equalTo("APPROVE"))
                .body("inputs", not(hasKey("features")))
                .body("inputs", not(hasKey("featuresAsOf")));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode expected = mapper.readTree(created.asString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("inputs")).remove(List.of("features",
                "featuresAsOf"));
        assertThat(mapper.readTree(replay.asString())).isEqualTo(expected);
        // The rest is the stored answer as it was written, amounts with their two decimals included.
        assertThat(replay.asString()).contains("\"amount\":20000.00,");
        given().auth().oauth2(bank).get(APPLICATIONS + "/{id}", id)
                .then().statusCode(200).body("inputs", not(hasKey("features")));
    }

    @Test
    void stoppedProductionIsAKnockOutAndTheDeclineSaysWhy() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 720, 0.008, "B", Instant.now());
        Fixtures.features(smeId, Instant.now(), "{\"days_since_output\":20.0,\"output_units_per_day_90d\":5000.0}");
        Fixtures.validConsent(smeId, "bank-a", "credit-report");

        apply(KeycloakTokens.accessToken("bank-a"), UUID.randomUUID().toString(), application(smeId, 10_000))
                .then().statusCode(201)
                .body("decision.outcome", equalTo("DECLINE"))
                .body("decision.limit", equalTo(0.0f))
                .body("decision.reasons.code", hasItem("PRODUCTION_STOPPED"))
                .body("decision.reasons[0].textEn", notNullValue());
    }

    @Test
    void staleProductionDataIsAKnockOutEvenWhenTheScoreIsFresh() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 720, 0.008, "B", Instant.now());
        // Three weeks old, yet it still says production is running: only its age shows it cannot be trusted today.
        Fixtures.features(smeId, Instant.now().minus(21, java.time.temporal.ChronoUnit.DAYS),
                "{\"days_since_output\":0.0,\"output_units_per_day_90d\":5000.0}");
        // With 'features-summary' the answer shows the feature vector's time the decision judged.
        Fixtures.validConsent(smeId, "bank-a", "credit-report,features-summary");

        apply(KeycloakTokens.accessToken("bank-a"), UUID.randomUUID().toString(), application(smeId, 10_000))
                .then().statusCode(201)
                .body("decision.outcome", equalTo("DECLINE"))
                .body("decision.limit", equalTo(0.0f))
                .body("decision.reasons.code", equalTo(List.of("STALE_DATA")))
                .body("inputs.featuresAsOf", notNullValue())
                .body("inputs.policy.staleDataOutcome", equalTo("DECLINE"));
    }

    @Test
    void anAmountAboveTheProductionScaleCapIsReferredWithTheCapAsLimit() {
        String smeId = healthySme();
        apply(KeycloakTokens.accessToken("bank-a"), UUID.randomUUID().toString(), application(smeId, 500_000))
                .then().statusCode(201)
                .body("decision.outcome", equalTo("REFER"))
                .body("decision.limit", equalTo(200000.0f))
                .body("decision.reasons.code", equalTo(List.of("EXPOSURE_CAP")));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheStoredResponseAndADifferentBodyIs422() {
        String smeId = healthySme();
        String bank = KeycloakTokens.accessToken("bank-a");
        String key = UUID.randomUUID().toString();

        Response first = apply(bank, key, application(smeId, 20_000));
        first.then().statusCode(201);
        Response retry = apply(bank, key, application(smeId, 20_000));
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.asString()).isEqualTo(first.asString());

        apply(bank, key, application(smeId, 25_000))
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("different request body"));
        // Keys are per bank across endpoints: the same key on a consent request is refused, and the answer says why.
        given().auth().oauth2(bank).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("smeId", smeId, "scopes", List.of("monitoring"), "purpose", "Early warnings",
                        "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()))
                .post("/api/v1/consent-requests")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("on another endpoint"));
        // Keys are per bank: bank-b's identical key is its own, unrelated request.
        Fixtures.validConsent(smeId, "bank-b", "credit-report");
        String other = apply(KeycloakTokens.accessToken("bank-b"), key, application(smeId, 20_000))
                .then().statusCode(201).extract().path("id");
        assertThat(other).isNotEqualTo(first.jsonPath().getString("id"));

        // Two keys in one request: which one a retry must repeat is unclear, so neither is used.
        String secondKey = UUID.randomUUID().toString();
        given().auth().oauth2(bank).header("Idempotency-Key", key).header("Idempotency-Key", secondKey)
                .contentType(ContentType.JSON).body(application(smeId, 20_000)).post(APPLICATIONS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("Idempotency-Key")));
        apply(bank, secondKey, application(smeId, 20_000)).then().statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    }

    /**
     * Replays answer with the stored bytes, so their shape is part of the API: the stored body is the application view
     * with its fields in the documented order, exactly as the first answer carried it.
     */
    @Test
    void theStoredAnswerIsTheApplicationViewWithItsFieldsInOrder() throws Exception {
        String smeId = healthySme();
        String key = UUID.randomUUID().toString();
        String answer = apply(KeycloakTokens.accessToken("bank-a"), key, application(smeId, 20_000))
                .then().statusCode(201).extract().asString();

        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT response_status, response_body FROM idempotency_key WHERE bank_id = 'bank-a' AND idem_key = ?")) {
            s.setString(1, key);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(201);
            assertThat(rs.getString(2)).isEqualTo(answer);
        }
        JsonNode view = new ObjectMapper().readTree(answer);
        assertThat(view.fieldNames()).toIterable().containsExactly("id", "bankId", "smeId", "product", "amount",
                "currency", "termMonths", "createdAt", "decision", "modelVersion", "policyVersion", "inputs");
        assertThat(view.get("decision").fieldNames()).toIterable()
                .containsExactly("outcome", "limit", "annualRateBps", "reasons");
        assertThat(answer).startsWith("{\"id\":\"" + view.get("id").asText() + "\",\"bankId\":\"bank-a\",\"smeId\":\""
                + smeId + "\",\"product\":\"WORKING_CAPITAL\",\"amount\":20000.00,\"currency\":\"EUR\",\"termMonths\":12,");
    }

    @Test
    void theLocationOfANewApplicationReadsBackWhatTheDecisionAnsweredAndAReplayPointsThereToo() throws Exception {
        String bank = KeycloakTokens.accessToken("bank-a");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = application(healthySme(), 20_000);
        Response created = apply(bank, key, body);
        created.then().statusCode(201);
        String location = created.header("Location");
        assertThat(location).isEqualTo("/api/v1/credit-applications/" + created.path("id"));
        // createdAt included: the answer at creation carried nanoseconds the database does not keep.
        String fetched = given().auth().oauth2(bank).get(location).then().statusCode(200).extract().asString();
        assertThat(new ObjectMapper().readTree(fetched)).isEqualTo(new ObjectMapper().readTree(created.asString()));
        apply(bank, key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", location);
    }

    @Test
    void concurrentRetriesOfOneRequestCreateExactlyOneApplication() throws Exception {
        String smeId = healthySme();
        String bank = KeycloakTokens.accessToken("bank-a");
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Response>> retries = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return apply(bank, key, application(smeId, 30_000));
                }))
                .toList();
        start.countDown();

        List<Response> responses = retries.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.jsonPath().getString("id")).distinct()).hasSize(1);
        // One request decided; the seven that waited on its key were answered from the stored response, byte for byte.
        assertThat(responses.stream().filter(r -> r.header("Idempotent-Replayed") == null)).hasSize(1);
        assertThat(responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed")))).hasSize(7);
        assertThat(responses.stream().map(Response::asString).distinct()).hasSize(1);
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM credit_application WHERE sme_id = ?")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    /**
     * More denied requests at once than the database pool has connections, spread over every path that checks consent
     * in a transaction: each is answered 403 only once its denial is in the audit chain, and a credit report asked
     * meanwhile is still served. A denial used to wait for the audit group commit while its transaction held a pooled
     * connection; with every connection held so, the group commit (a connection of the same pool) got none, and each
     * denial was answered unrecorded when the commit gave up.
     */
    @Test
    void moreConcurrentDenialsThanPooledConnectionsAreEachAuditedAndAReportIsStillServed() throws Exception {
        int poolSize = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
        String denied = Fixtures.freshSmeId();
        // Known to the service (it has a score), so each denial's record names the SME; bank-a applied earlier.
        Fixtures.score(denied, 700, 0.01, "B", Instant.now());
        UUID earlier = Fixtures.approvedApplication(denied, "bank-a");
        String allowed = healthySme();
        String bank = KeycloakTokens.accessToken("bank-a");
        List<Supplier<Response>> deniedCalls = List.of(
                () -> apply(bank, UUID.randomUUID().toString(), application(denied, 10_000)),
                () -> given().auth().oauth2(bank).queryParam("smeId", denied).get(APPLICATIONS),
                () -> given().auth().oauth2(bank).get(APPLICATIONS + "/{id}", earlier),
                () -> given().auth().oauth2(bank).get(APPLICATIONS + "/{id}/outcomes", earlier),
                () -> given().auth().oauth2(bank).contentType(ContentType.JSON)
                        .body(Map.of("type", "DISBURSED", "date", LocalDate.now().toString(), "amount", 10_000))
                        .post(APPLICATIONS + "/{id}/outcomes", earlier));
        int requests = 3 * poolSize;
        ExecutorService clients = Executors.newFixedThreadPool(requests + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> denials = IntStream.range(0, requests)
                    .mapToObj(i -> clients.submit(() -> {
                        start.await();
                        return deniedCalls.get(i % deniedCalls.size()).get();
                    }))
                    .toList();
            Future<Response> report = clients.submit(() -> {
                start.await();
                return given().auth().oauth2(bank).get("/api/v1/smes/{smeId}/credit-report", allowed);
            });
            start.countDown();
            await("every answer").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> report.isDone() && denials.stream().allMatch(Future::isDone));

            assertThat(denials).allSatisfy(d -> assertThat(d.get().statusCode()).isEqualTo(403));
            assertThat(report.get().statusCode()).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
        // Every 403 left after its record was committed, so all are there as soon as the last answer is.
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE action = 'ACCESS_DENIED' AND actor_id = 'bank-a' "
                        + "AND sme_id = ?")) {
            s.setString(1, denied);
            ResultSet rs = s.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(requests);
        }
        // Nothing was recorded for the SME by the denied requests: still only the earlier application, no outcome.
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT (SELECT count(*) FROM credit_application WHERE sme_id = ?) "
                        + "+ (SELECT count(*) FROM credit_outcome WHERE application_id = ?)")) {
            s.setString(1, denied);
            s.setObject(2, earlier);
            ResultSet rs = s.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aReplayAfterTheSmeRevokedItsConsentGetsTheSameDenialAsAnUnknownSme() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 720, 0.008, "B", Instant.now());
        Fixtures.features(smeId, Instant.now(), "{\"days_since_output\":0.0,\"output_units_per_day_90d\":5000.0}");
        UUID consent = Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");
        String key = UUID.randomUUID().toString();
        apply(bank, key, application(smeId, 20_000)).then().statusCode(201);

        Fixtures.consentStatus(consent, "revokedBySme");

        // The stored decision is SME data too: the retry must not hand it out once consent is gone.
        Response replay = apply(bank, key, application(smeId, 20_000));
        Response unknown = apply(bank, UUID.randomUUID().toString(), application(Fixtures.freshSmeId(), 20_000));
        replay.then().statusCode(403).contentType("application/problem+json")
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        unknown.then().statusCode(403);
        assertThat(replay.asString()).isEqualTo(unknown.asString());
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        String smeId = healthySme();
        String bank = KeycloakTokens.accessToken("bank-a");
        given().auth().oauth2(bank).contentType(ContentType.JSON).body(application(smeId, 1000)).post(APPLICATIONS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"))
                .body("errors.reason", hasItem("is required"))
                .body("detail", org.hamcrest.Matchers.containsString("is required"));
        apply(bank, "k".repeat(300), application(smeId, 1000))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"))
                .body("detail", org.hamcrest.Matchers.containsString("300 characters long; it must be at most 255"));
        apply(bank, UUID.randomUUID().toString(), Map.of("smeId", smeId, "product", "YACHT", "amount", -5,
                "currency", "euro", "termMonths", 0))
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("product", "amount", "currency", "termMonths")));
    }

    @Test
    void theExposureCapIsConvertedIntoTheApplicationsCurrencyAndAnUnknownCurrencyIsNamed() {
        String smeId = healthySme();
        String bank = KeycloakTokens.accessToken("bank-a");
        // 5,000 units/day x 40 EUR = 200,000 EUR; at 0.92 EUR per USD that is 217,391 USD, 217,300 in whole hundreds.
        apply(bank, UUID.randomUUID().toString(), Map.of("smeId", smeId, "product", "WORKING_CAPITAL",
                "amount", 250_000, "currency", "USD", "termMonths", 12))
                .then().statusCode(201)
                .body("currency", equalTo("USD"))
                .body("decision.outcome", equalTo("REFER"))
                .body("decision.limit", equalTo(217300.0f))
                .body("inputs.fxRateToBase", equalTo(0.92f))
                .body("inputs.policy.baseCurrency", equalTo("EUR"));

        apply(bank, UUID.randomUUID().toString(), Map.of("smeId", smeId, "product", "WORKING_CAPITAL",
                "amount", 1000, "currency", "XYZ", "termMonths", 12))
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("currency")))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("EUR"));
    }

    @Test
    void unreadableModelReasonsStopTheDecisionInsteadOfDecidingWithoutThem() throws Exception {
        String smeId = healthySme();
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE sme_latest_score SET reasons = '{\"not\":\"a list\"}' WHERE sme_id = ?")) {
            s.setString(1, smeId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        apply(KeycloakTokens.accessToken("bank-a"), UUID.randomUUID().toString(), application(smeId, 1000))
                .then().statusCode(500).contentType("application/problem+json");

        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).queryParam("smeId", smeId).get(APPLICATIONS)
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aDecisionCannotBeChangedInTheDatabase() throws Exception {
        String smeId = healthySme();
        String id = apply(KeycloakTokens.accessToken("bank-a"), UUID.randomUUID().toString(),
                application(smeId, 1000)).then().statusCode(201).extract().path("id");
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE credit_application SET decision = 'APPROVE', limit_amount = 999999 WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            assertThat(catchThrowable(s::executeUpdate)).hasMessageContaining("immutable");
        }
    }
}
