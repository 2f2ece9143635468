package io.smecredit.loan.consent;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Consent as banks and SME owners drive it through the API, with real tokens: demo SME sme-004's owner and bank-b.
 * Other test suites may touch sme-004 too, so each test first ends any live bank-b consent of sme-004.
 */
@QuarkusTest
class ConsentLifecycleTest {

    private static final String SME = "sme-004";
    private static final String REPORT = "/api/v1/smes/{smeId}/credit-report";

    private String bank;
    private String owner;

    @BeforeEach
    void startFromNoLiveConsent() {
        bank = KeycloakTokens.accessToken("bank-b");
        owner = KeycloakTokens.smeOwnerToken(SME);
        List<Map<String, Object>> consents = given().auth().oauth2(owner).get("/api/v1/me/consents")
                .then().statusCode(200).extract().jsonPath().getList("");
        consents.stream()
                .filter(c -> "bank-b".equals(c.get("bankId")))
                .filter(c -> List.of("valid", "received").contains(c.get("status")))
                .forEach(c -> given().auth().oauth2(owner).delete("/api/v1/me/consents/{id}", c.get("id"))
                        .then().statusCode(200));
        Fixtures.scoreIfAbsent(SME, 690, 0.03, "B", Instant.parse("2024-05-01T00:00:00Z"));
    }

    private static Map<String, Object> terms(String key, String value) {
        return Map.of(key, value, "scopes", List.of("credit-report"), "purpose", "Working-capital line review",
                "expiresAt", Instant.now().plus(90, ChronoUnit.DAYS).toString());
    }

    @Test
    void aConsentRequestRetriedWithItsIdempotencyKeyAsksTheSmeOnceAndTheKeyCannotCarryOtherTerms() {
        String key = UUID.randomUUID().toString();
        String purpose = "Working-capital line review " + key;
        Map<String, Object> body = Map.of("smeId", SME, "scopes", List.of("credit-report"), "purpose", purpose,
                "expiresAt", Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());

        var first = given().auth().oauth2(bank).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/consent-requests").then().statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue()).extract();
        String id = first.path("id");
        // Relative, so it never names a host the caller put in its Host header.
        assertThat(first.header("Location")).isEqualTo("/api/v1/consents/" + id);
        var retry = given().auth().oauth2(bank).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/consent-requests").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        // The stored answer, byte for byte: every field of the consent view, in order.
        assertThat(first.asString()).isEqualTo("{\"id\":\"" + id + "\",\"smeId\":\"" + SME
                + "\",\"bankId\":\"bank-b\",\"bankName\":\"Demo Bank B\",\"scopes\":[\"credit-report\"],\"purpose\":\""
                + purpose + "\",\"status\":\"received\",\"requestedBy\":\"bank\",\"expiresAt\":\"" + body.get("expiresAt")
                + "\",\"createdAt\":\"" + first.path("createdAt") + "\",\"updatedAt\":\"" + first.path("createdAt")
                + "\",\"validFrom\":null}");

        List<Object> asked = given().auth().oauth2(owner).get("/api/v1/me/consents").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.purpose == '" + purpose + "' }.id");
        assertThat(asked).containsExactly(id);

        Map<String, Object> otherTerms = new java.util.HashMap<>(body);
        otherTerms.put("scopes", List.of("credit-report", "monitoring"));
        given().auth().oauth2(bank).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(otherTerms).post("/api/v1/consent-requests")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(key));
        given().auth().oauth2(bank).delete("/api/v1/consents/{id}", id).then().statusCode(200);
    }

    @Test
    void aBankListsOneSmesConsentsAndThoseInOneStatusAsOfNowAndNeverAnotherBanks() {
        String smeX = Fixtures.freshSmeId();
        String smeY = Fixtures.freshSmeId();
        String live = Fixtures.consent(smeX, "bank-a", "credit-report", "valid", Instant.now().plusSeconds(3600))
                .toString();
        // Stored as valid, but past its expiry: listed as expired, never as valid.
        String lapsed = Fixtures.consent(smeX, "bank-a", "credit-report", "valid", Instant.now().minusSeconds(60))
                .toString();
        String revoked = Fixtures.consent(smeY, "bank-a", "credit-report", "revokedBySme",
                Instant.now().plusSeconds(3600)).toString();
        String otherBanks = Fixtures.consent(smeX, "bank-b", "credit-report", "valid", Instant.now().plusSeconds(3600))
                .toString();
        String bankA = KeycloakTokens.accessToken("bank-a");

        assertThat(given().auth().oauth2(bankA).queryParam("smeId", smeX).get("/api/v1/consents")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class))
                .containsExactlyInAnyOrder(live, lapsed);
        given().auth().oauth2(bankA).queryParam("smeId", smeX).queryParam("status", "valid").get("/api/v1/consents")
                .then().statusCode(200).body("id", equalTo(List.of(live)));
        given().auth().oauth2(bankA).queryParam("smeId", smeX).queryParam("status", "expired")
                .get("/api/v1/consents")
                .then().statusCode(200).body("id", equalTo(List.of(lapsed))).body("[0].status", equalTo("expired"));
        List<Map<String, Object>> revokedOnes = given().auth().oauth2(bankA).queryParam("status", "revokedBySme")
                .get("/api/v1/consents").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(revokedOnes).extracting(c -> c.get("id")).contains(revoked);
        assertThat(revokedOnes).extracting(c -> c.get("status")).containsOnly("revokedBySme");
        assertThat(revokedOnes).extracting(c -> c.get("bankId")).containsOnly("bank-a");

        given().auth().oauth2(bank).queryParam("smeId", smeX).get("/api/v1/consents")
                .then().statusCode(200).body("id", equalTo(List.of(otherBanks)));
    }

    @Test
    void aBankPagesThroughItsConsentsByTheLinkHeaderSeeingEachOnceNewestFirst() {
        String smeX = Fixtures.freshSmeId();
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.consent(smeX, "bank-a", "credit-report", "valid", Instant.now().plusSeconds(3600))
                    .toString());
        }
        String bankA = KeycloakTokens.accessToken("bank-a");
        List<String> whole = given().auth().oauth2(bankA).queryParam("smeId", smeX).get("/api/v1/consents")
                .then().statusCode(200).header("Link", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getList("id", String.class);
        assertThat(whole).containsExactlyInAnyOrderElementsOf(created);

        List<String> paged = new java.util.ArrayList<>();
        List<Integer> pageSizes = new java.util.ArrayList<>();
        String next = "/api/v1/consents?smeId=" + smeX + "&limit=2";
        while (next != null) {
            var page = given().auth().oauth2(bankA).get(next).then().statusCode(200).extract();
            List<String> ids = page.jsonPath().getList("id", String.class);
            paged.addAll(ids);
            pageSizes.add(ids.size());
            String link = page.header("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            assertThat(link == null || link.endsWith(">; rel=\"next\"")).isTrue();
        }
        // Full pages link on; the page that ends the list does not. The order is the one-page list's order.
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(paged).containsExactlyElementsOf(whole);
    }

    @Test
    void aPageCursorMustBeOneOfTheBanksOwnConsentsAndTheLimitWithinRange() {
        UUID otherBanks = Fixtures.consent(Fixtures.freshSmeId(), "bank-a", "credit-report", "valid",
                Instant.now().plusSeconds(3600));
        given().auth().oauth2(bank).queryParam("before", otherBanks.toString()).get("/api/v1/consents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("before")));
        given().auth().oauth2(bank).queryParam("before", "page-2").queryParam("limit", "0").get("/api/v1/consents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("before", "limit")))
                .body("errors[1].reason", equalTo("must be a whole number from 1 to 200"));
    }

    @Test
    void aBadConsentListFilterIsNamedInTheProblem() {
        given().auth().oauth2(bank).queryParam("smeId", "SME 1!").queryParam("status", "active")
                .get("/api/v1/consents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("smeId", "status")))
                .body("errors[1].reason", org.hamcrest.Matchers.containsString("revokedBySme"));
        // JAX-RS would keep the first value; the bank would believe it had asked for both.
        given().auth().oauth2(bank).get("/api/v1/consents?status=valid&smeId=sme-001&status=expired&limit=5&limit=6")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("limit", "status")))
                .body("instance", equalTo("/api/v1/consents"))
                .body("detail", equalTo("Parameters limit, status given more than once: each header and query "
                        + "parameter of this API takes one value."));
    }

    @Test
    void aBankRequestsTheSmeApprovesTheBankReadsTheSmeRevokesAndTheVeryNextReadIsRefused() {
        given().auth().oauth2(bank).get(REPORT, SME).then().statusCode(403);

        String id = given().auth().oauth2(bank).contentType(ContentType.JSON).body(terms("smeId", SME))
                .post("/api/v1/consent-requests")
                .then().statusCode(201)
                .body("status", equalTo("received"))
                .body("bankId", equalTo("bank-b"))
                .body("scopes", equalTo(List.of("credit-report")))
                .body("validFrom", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        // Requested is not granted.
        given().auth().oauth2(bank).get(REPORT, SME).then().statusCode(403);

        given().auth().oauth2(owner).get("/api/v1/me/consents")
                .then().statusCode(200).body("find { it.id == '" + id + "' }.status", equalTo("received"));
        String approvedAt = given().auth().oauth2(owner).post("/api/v1/me/consents/{id}/approve", id)
                .then().statusCode(200).body("status", equalTo("valid")).extract().path("updatedAt");
        given().auth().oauth2(bank).get("/api/v1/consents")
                .then().statusCode(200).body("find { it.id == '" + id + "' }.validFrom", equalTo(approvedAt));

        given().auth().oauth2(bank).get(REPORT, SME).then().statusCode(200).body("smeId", equalTo(SME));

        given().auth().oauth2(owner).delete("/api/v1/me/consents/{id}", id)
                .then().statusCode(200).body("status", equalTo("revokedBySme"));
        given().auth().oauth2(bank).get(REPORT, SME).then().statusCode(403);
        given().auth().oauth2(bank).get("/api/v1/consents")
                .then().statusCode(200).body("find { it.id == '" + id + "' }.status", equalTo("revokedBySme"));
    }

    @Test
    void aDirectGrantIsValidAtOnceAndTheBankCanEndIt() {
        String id = given().auth().oauth2(owner).contentType(ContentType.JSON).body(terms("bankId", "bank-b"))
                .post("/api/v1/me/consents")
                .then().statusCode(201)
                .body("status", equalTo("valid"))
                .body("smeId", equalTo(SME))
                .body("validFrom", org.hamcrest.Matchers.notNullValue())
                .extract().path("id");
        given().auth().oauth2(bank).get(REPORT, SME).then().statusCode(200);

        given().auth().oauth2(bank).delete("/api/v1/consents/{id}", id)
                .then().statusCode(200).body("status", equalTo("terminatedByBank"));
        given().auth().oauth2(bank).get(REPORT, SME).then().statusCode(403);
        // An ended consent cannot be brought back.
        given().auth().oauth2(owner).post("/api/v1/me/consents/{id}/approve", id)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aRequestTheBankWithdrawsBeforeAnAnswerWasNeverValidWhileAccessItEndsWas() {
        String withdrawn = given().auth().oauth2(bank).contentType(ContentType.JSON).body(terms("smeId", SME))
                .post("/api/v1/consent-requests").then().statusCode(201).extract().path("id");
        given().auth().oauth2(bank).delete("/api/v1/consents/{id}", withdrawn)
                .then().statusCode(200).body("status", equalTo("terminatedByBank"))
                .body("validFrom", org.hamcrest.Matchers.nullValue());

        String ended = given().auth().oauth2(bank).contentType(ContentType.JSON).body(terms("smeId", SME))
                .post("/api/v1/consent-requests").then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner).post("/api/v1/me/consents/{id}/approve", ended).then().statusCode(200);
        given().auth().oauth2(bank).delete("/api/v1/consents/{id}", ended)
                .then().statusCode(200).body("status", equalTo("terminatedByBank"))
                .body("validFrom", org.hamcrest.Matchers.notNullValue());
        // The SME's list tells the two apart the same way.
        given().auth().oauth2(owner).get("/api/v1/me/consents").then().statusCode(200)
                .body("find { it.id == '" + withdrawn + "' }.validFrom", org.hamcrest.Matchers.nullValue())
                .body("find { it.id == '" + ended + "' }.validFrom", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aRejectedRequestGivesNoAccess() {
        String id = given().auth().oauth2(bank).contentType(ContentType.JSON).body(terms("smeId", SME))
                .post("/api/v1/consent-requests").then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner).post("/api/v1/me/consents/{id}/reject", id)
                .then().statusCode(200).body("status", equalTo("rejected"));
        given().auth().oauth2(bank).get(REPORT, SME).then().statusCode(403);
    }

    @Test
    void nobodyActsOnSomeoneElsesConsentAndLearnsOnlyThatItIsNotTheirs() {
        String id = given().auth().oauth2(bank).contentType(ContentType.JSON).body(terms("smeId", SME))
                .post("/api/v1/consent-requests").then().statusCode(201).extract().path("id");
        String otherBank = KeycloakTokens.accessToken("bank-a");
        String otherOwner = KeycloakTokens.smeOwnerToken("sme-003");

        String foreign = given().auth().oauth2(otherBank).delete("/api/v1/consents/{id}", id)
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        String missing = given().auth().oauth2(otherBank)
                .delete("/api/v1/consents/{id}", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).extract().path("detail");
        assertThat(foreign.replace(id, "<id>")).isEqualTo(missing.replace("00000000-0000-0000-0000-000000000000", "<id>"));
        given().auth().oauth2(otherOwner).post("/api/v1/me/consents/{id}/approve", id).then().statusCode(404);
        given().auth().oauth2(otherOwner).delete("/api/v1/me/consents/{id}", id).then().statusCode(404);

        given().auth().oauth2(otherBank).get("/api/v1/consents")
                .then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(otherOwner).get("/api/v1/me/consents")
                .then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(owner).get("/api/v1/me/consents")
                .then().statusCode(200).body("find { it.id == '" + id + "' }.status", equalTo("received"));
    }

    @Test
    void consentTermsAreValidatedWithEveryWrongFieldNamed() {
        given().auth().oauth2(bank).contentType(ContentType.JSON)
                .body(Map.of("smeId", SME, "scopes", List.of("credit-report", "everything"), "purpose", " ",
                        "expiresAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()))
                .post("/api/v1/consent-requests")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("scopes", "purpose", "expiresAt")));

        // A wrong SME or bank is named together with the terms' errors, not instead of them.
        given().auth().oauth2(bank).contentType(ContentType.JSON)
                .body(Map.of("smeId", "-x", "scopes", List.of(), "purpose", "",
                        "expiresAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()))
                .post("/api/v1/consent-requests")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("smeId", "scopes", "purpose", "expiresAt")));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("bankId", "bank-zz", "scopes", List.of("credit-report"), "purpose", " ",
                        "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .post("/api/v1/me/consents")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("bankId", "purpose")))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("bank-a"));

        given().auth().oauth2(bank).contentType(ContentType.JSON).body("{\"smeId\": ")
                .post("/api/v1/consent-requests")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theLocationOfANewConsentReadsBackExactlyWhatTheCreationAnsweredAndOnlyForItsOwner() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        io.restassured.response.Response requested = given().auth().oauth2(bank).contentType(ContentType.JSON)
                .body(terms("smeId", SME)).post("/api/v1/consent-requests");
        requested.then().statusCode(201);
        String location = requested.header("Location");
        // Timestamps included: the answer at creation carried nanoseconds the database does not keep.
        String fetched = given().auth().oauth2(bank).get(location).then().statusCode(200).extract().asString();
        assertThat(mapper.readTree(fetched)).isEqualTo(mapper.readTree(requested.asString()));
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get(location)
                .then().statusCode(404).contentType("application/problem+json");

        Map<String, Object> grant = Map.of("bankId", "bank-b", "scopes", List.of("credit-report"), "purpose",
                "Supplier finance", "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString());
        io.restassured.response.Response granted = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(grant).post("/api/v1/me/consents");
        granted.then().statusCode(201);
        String grantLocation = granted.header("Location");
        String grantFetched = given().auth().oauth2(owner).get(grantLocation).then().statusCode(200).extract().asString();
        assertThat(mapper.readTree(grantFetched)).isEqualTo(mapper.readTree(granted.asString()));
        given().auth().oauth2(KeycloakTokens.smeOwnerToken("sme-003")).get(grantLocation)
                .then().statusCode(404).contentType("application/problem+json");

        // The same grant again (a form posted twice, a retry after a lost answer) is the consent already there.
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(grant).post("/api/v1/me/consents")
                .then().statusCode(200).header("Idempotent-Replayed", "true").header("Location", grantLocation)
                .body("id", equalTo(granted.path("id")));
        List<Object> grants = given().auth().oauth2(owner).get("/api/v1/me/consents").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.purpose == 'Supplier finance' && it.status == 'valid' }.id");
        assertThat(grants).containsExactly((Object) granted.path("id"));
    }

    /**
     * The same direct grant posted several times at once (a double-clicked form) is one consent: the first answers 201,
     * each other one the existing consent as for a retry (200, Idempotent-Replayed). Each used to find no grant yet
     * and insert its own.
     */
    @Test
    void concurrentIdenticalGrantsLeaveOneConsentAndTheOthersAnswerIt() throws Exception {
        String purpose = "Double-clicked grant " + UUID.randomUUID();
        Map<String, Object> grant = Map.of("bankId", "bank-b", "scopes", List.of("credit-report"), "purpose", purpose,
                "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        int posts = 8;
        ExecutorService clients = Executors.newFixedThreadPool(posts);
        CountDownLatch start = new CountDownLatch(1);
        List<io.restassured.response.Response> answers = new java.util.ArrayList<>();
        try {
            List<Future<io.restassured.response.Response>> sent = IntStream.range(0, posts)
                    .mapToObj(i -> clients.submit(() -> {
                        start.await();
                        return given().auth().oauth2(owner).contentType(ContentType.JSON).body(grant)
                                .post("/api/v1/me/consents");
                    }))
                    .toList();
            start.countDown();
            await("every answer").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> sent.stream().allMatch(Future::isDone));
            for (Future<io.restassured.response.Response> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).extracting(io.restassured.response.Response::statusCode)
                .containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
        assertThat(answers.stream().filter(a -> a.statusCode() == 200))
                .allSatisfy(a -> assertThat(a.header("Idempotent-Replayed")).isEqualTo("true"));
        assertThat(answers.stream().map(a -> a.path("id")).distinct()).hasSize(1);
        List<Object> stored = given().auth().oauth2(owner).get("/api/v1/me/consents").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.purpose == '" + purpose + "' }.id");
        assertThat(stored).containsExactly((Object) answers.get(0).path("id"));
    }

    @Test
    void purposesThatWouldBeShownOtherwiseThanWrittenAreRefusedAndLengthCountsCharacters() {
        String expiresAt = Instant.now().plus(90, ChronoUnit.DAYS).toString();
        // A right-to-left override would make the portal show the purpose reversed; an unpaired surrogate was
        // silently stored as '?'. Sent as JSON escapes, so the bytes on the wire are exactly these.
        for (String purpose : List.of("Working capital \\u202Eweiver", "Working capital \\ud800 review",
                "Working\\u200Bcapital", "Working capital\\u2028review", "Working capital \\uDB40\\uDC01review")) {
            given().auth().oauth2(bank).contentType(ContentType.JSON)
                    .body("{\"smeId\":\"" + SME + "\",\"scopes\":[\"credit-report\"],\"purpose\":\"" + purpose
                            + "\",\"expiresAt\":\"" + expiresAt + "\"}")
                    .post("/api/v1/consent-requests")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("purpose")));
        }
        // 300 emoji are 300 characters (600 UTF-16 units): within the 500-character limit.
        String emoji = "\uD83C\uDFED".repeat(300);
        given().auth().oauth2(bank).contentType(ContentType.JSON).body(Map.of("smeId", SME, "scopes",
                        List.of("credit-report"), "purpose", emoji, "expiresAt", expiresAt))
                .post("/api/v1/consent-requests")
                .then().statusCode(201).body("purpose", equalTo(emoji));
    }

    @Test
    void aConsentToTheFeaturesSummaryAloneIsRefusedSinceItWouldAllowNothing() {
        String expiresAt = Instant.now().plus(90, ChronoUnit.DAYS).toString();
        given().auth().oauth2(bank).contentType(ContentType.JSON).body(Map.of("smeId", SME, "scopes",
                        List.of("features-summary"), "purpose", "p", "expiresAt", expiresAt))
                .post("/api/v1/consent-requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("scopes")))
                .body("errors[0].reason", containsString("needs 'credit-report' too"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("bankId", "bank-b", "scopes",
                        List.of("features-summary", "monitoring"), "purpose", "p", "expiresAt", expiresAt))
                .post("/api/v1/me/consents")
                .then().statusCode(400).body("errors.field", equalTo(List.of("scopes")));
    }

    @Test
    void aPurposeTheDatabaseCannotStoreIsAValidationErrorNotAServerError() {
        String tooLong = "x".repeat(501);
        String withNul = "Working-capital\u0000review";
        for (String purpose : List.of(tooLong, withNul)) {
            Map<String, Object> request = Map.of("smeId", SME, "scopes", List.of("credit-report"), "purpose", purpose,
                    "expiresAt", Instant.now().plus(90, ChronoUnit.DAYS).toString());
            given().auth().oauth2(bank).contentType(ContentType.JSON).body(request).post("/api/v1/consent-requests")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("purpose")));
            Map<String, Object> grant = Map.of("bankId", "bank-b", "scopes", List.of("credit-report"), "purpose",
                    purpose, "expiresAt", Instant.now().plus(90, ChronoUnit.DAYS).toString());
            given().auth().oauth2(owner).contentType(ContentType.JSON).body(grant).post("/api/v1/me/consents")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("purpose")));
        }
    }

    @Test
    void aConsentThatExpiresBetweenTwoRequestsRefusesTheSecond() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 700, 0.01, "B", Instant.now());
        UUID consent = Fixtures.validConsent(smeId, "bank-b", "credit-report");
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);

        // Still valid, but now ending two seconds ahead (moved after the first read, so a slow first read cannot
        // already fall after the expiry).
        Instant expiry = Instant.now().plusSeconds(2);
        Fixtures.consentExpiresAt(consent, expiry);

        // Wait for the clock only; the request after it is the one under test, not something polled until it passes.
        await("consent expiry").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().isAfter(expiry.plusMillis(200)));

        given().auth().oauth2(bank).get(REPORT, smeId)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(bank).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("smeId", smeId, "product", "WORKING_CAPITAL", "amount", 1000, "currency", "EUR",
                        "termMonths", 12))
                .post("/api/v1/credit-applications")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(bank).get("/api/v1/consents")
                .then().statusCode(200).body("find { it.id == '" + consent + "' }.status", equalTo("expired"));
    }
}
