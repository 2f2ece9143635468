package io.smecredit.loan.tenancy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.restassured.http.ContentType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken object-level authorisation matrix: for two banks, every situation an SME's consent can be in, against every
 * bank endpoint that touches an SME. Only a valid consent of the calling bank with the needed scope opens the data;
 * every other situation gets exactly the answer an SME that does not exist gets.
 */
@QuarkusTest
class BolaMatrixTest {

    private static final List<String> BANKS = List.of("bank-a", "bank-b");

    /** How the SME stands towards the calling bank. */
    enum Situation {
        VALID_CONSENT(true),
        NO_CONSENT(false),
        EXPIRED_CONSENT(false),
        CONSENT_REVOKED_BY_SME(false),
        CONSENT_TERMINATED_BY_BANK(false),
        CONSENT_REQUEST_REJECTED(false),
        CONSENT_REQUEST_NOT_YET_APPROVED(false),
        CONSENT_ONLY_FOR_THE_OTHER_BANK(false),
        CONSENT_WITHOUT_THE_NEEDED_SCOPE(false);

        final boolean allowed;

        Situation(boolean allowed) {
            this.allowed = allowed;
        }

        /** An existing SME (it has a score) in this situation towards {@code bank}. */
        String prepare(String bank, String otherBank) {
            return prepareWithConsent(bank, otherBank).smeId();
        }

        /** As {@link #prepare}, also saying which consent row (if any) the situation created and for which bank. */
        Prepared prepareWithConsent(String bank, String otherBank) {
            String smeId = Fixtures.freshSmeId();
            Fixtures.score(smeId, 700, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
            Instant future = Instant.now().plusSeconds(86_400);
            String scopes = "credit-report,monitoring";
            UUID consent = switch (this) {
                case VALID_CONSENT -> Fixtures.consent(smeId, bank, scopes, "valid", future);
                case NO_CONSENT -> null;
                case EXPIRED_CONSENT -> Fixtures.consent(smeId, bank, scopes, "valid", Instant.now().minusSeconds(1));
                case CONSENT_REVOKED_BY_SME -> Fixtures.consent(smeId, bank, scopes, "revokedBySme", future);
                case CONSENT_TERMINATED_BY_BANK -> Fixtures.consent(smeId, bank, scopes, "terminatedByBank", future);
                case CONSENT_REQUEST_REJECTED -> Fixtures.consent(smeId, bank, scopes, "rejected", future);
                case CONSENT_REQUEST_NOT_YET_APPROVED -> Fixtures.consent(smeId, bank, scopes, "received", future);
                case CONSENT_ONLY_FOR_THE_OTHER_BANK -> Fixtures.consent(smeId, otherBank, scopes, "valid", future);
                case CONSENT_WITHOUT_THE_NEEDED_SCOPE -> Fixtures.consent(smeId, bank, "features-summary", "valid",
                        future);
            };
            String consentBank = this == NO_CONSENT ? null : this == CONSENT_ONLY_FOR_THE_OTHER_BANK ? otherBank : bank;
            return new Prepared(smeId, consent, consentBank);
        }

        /** The status the calling bank sees for its own consent row in this situation. */
        String statusSeenByItsBank() {
            return switch (this) {
                case VALID_CONSENT, CONSENT_WITHOUT_THE_NEEDED_SCOPE -> "valid";
                case EXPIRED_CONSENT -> "expired";
                case CONSENT_REVOKED_BY_SME -> "revokedBySme";
                case CONSENT_TERMINATED_BY_BANK -> "terminatedByBank";
                case CONSENT_REQUEST_REJECTED -> "rejected";
                case CONSENT_REQUEST_NOT_YET_APPROVED -> "received";
                case NO_CONSENT, CONSENT_ONLY_FOR_THE_OTHER_BANK -> null;
            };
        }
    }

    record Prepared(String smeId, UUID consentId, String consentBank) {
    }

    /** Every bank endpoint that reads or acts on an SME's data, called by {@code bank} for {@code smeId}. */
    enum BankEndpoint {
        READ_CREDIT_REPORT((bank, smeId) -> given().auth().oauth2(token(bank))
                .get("/api/v1/smes/{smeId}/credit-report", smeId)),
        APPLY_FOR_CREDIT((bank, smeId) -> given().auth().oauth2(token(bank))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("smeId", smeId, "product", "WORKING_CAPITAL", "amount", 10000, "currency", "EUR",
                        "termMonths", 12))
                .post("/api/v1/credit-applications")),
        // The application was made earlier, while the bank still had consent.
        READ_CREDIT_APPLICATION((bank, smeId) -> given().auth().oauth2(token(bank))
                .get("/api/v1/credit-applications/{id}", Fixtures.approvedApplication(smeId, bank))),
        // One application made earlier, while the bank still had consent: listing must not reveal it now.
        LIST_CREDIT_APPLICATIONS((bank, smeId) -> {
            Fixtures.approvedApplication(smeId, bank);
            return given().auth().oauth2(token(bank)).queryParam("smeId", smeId).get("/api/v1/credit-applications");
        }),
        REPORT_AN_OUTCOME((bank, smeId) -> given().auth().oauth2(token(bank))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "DISBURSED", "date", LocalDate.now(ZoneOffset.UTC).toString(), "amount", 5000))
                .post("/api/v1/credit-applications/{id}/outcomes", Fixtures.approvedApplication(smeId, bank))),
        // Outcomes reported earlier, while the bank still had consent: reading them back needs it now.
        READ_OUTCOMES((bank, smeId) -> given().auth().oauth2(token(bank))
                .get("/api/v1/credit-applications/{id}/outcomes",
                        Fixtures.disbursed(Fixtures.approvedApplication(smeId, bank))));

        final BiFunction<String, String, Response> call;

        BankEndpoint(BiFunction<String, String, Response> call) {
            this.call = call;
        }
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One token per bank for the whole matrix, cached as a real bank client would. */
    private static String token(String bank) {
        return TOKENS.computeIfAbsent(bank, KeycloakTokens::accessToken);
    }

    static Stream<Arguments> everyBankSituationAndEndpoint() {
        List<Arguments> cases = new ArrayList<>();
        for (String bank : BANKS) {
            for (Situation situation : Situation.values()) {
                for (BankEndpoint endpoint : BankEndpoint.values()) {
                    cases.add(Arguments.of(bank, situation, endpoint));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("everyBankSituationAndEndpoint")
    void aBankSeesAnSmesDataOnlyWithItsOwnValidConsentAndIsOtherwiseToldNothing(
            String bank, Situation situation, BankEndpoint endpoint) {
        String otherBank = bank.equals("bank-a") ? "bank-b" : "bank-a";
        String smeId = situation.prepare(bank, otherBank);

        Response response = endpoint.call.apply(bank, smeId);

        if (situation.allowed) {
            assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
            assertThat(response.asString()).containsAnyOf(smeId, "DISBURSED");
            return;
        }
        String unknownSme = Fixtures.freshSmeId();
        Response unknown = endpoint.call.apply(bank, unknownSme);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.contentType()).isEqualTo(response.contentType());
        // The same answer, once the ids the caller itself sent (SME or application id in the path) are swapped.
        assertThat(problemWithoutInstance(response)).isEqualTo(problemWithoutInstance(unknown));
        assertThat(response.jsonPath().getString("instance").replace(smeId, "<sme>"))
                .matches("/api/v1/(smes/<sme>/credit-report|credit-applications(/[0-9a-f-]{36}(/outcomes)?)?)");
        Map<String, Object> problem = response.jsonPath().getMap("");
        assertThat(problem).containsEntry("type", "https://sme-credit.dev/problems/forbidden");
        assertThat(response.jsonPath().getString("detail")).doesNotContain("700", "0.02", "xgb-fixture", smeId);
    }

    private static Map<String, Object> problemWithoutInstance(Response response) {
        Map<String, Object> problem = new java.util.HashMap<>(response.jsonPath().getMap(""));
        problem.remove("instance");
        return problem;
    }

    static Stream<Arguments> everyBankAndSituation() {
        List<Arguments> cases = new ArrayList<>();
        for (String bank : BANKS) {
            for (Situation situation : Situation.values()) {
                cases.add(Arguments.of(bank, situation));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}: alerts feed")
    @MethodSource("everyBankAndSituation")
    void theAlertsFeedShowsAnSmesAlertsOnlyWhileTheBankHoldsAValidMonitoringConsent(String bank, Situation situation) {
        String otherBank = bank.equals("bank-a") ? "bank-b" : "bank-a";
        String smeId = situation.prepare(bank, otherBank);
        // Alerts for both banks, as if both had monitored the SME when its grade fell; the feed must filter them by
        // the consent as it stands now.
        long first = Fixtures.alert(smeId, bank);
        Fixtures.alert(smeId, otherBank);

        Response feed = given().auth().oauth2(token(bank)).queryParam("after", first - 1).get("/api/v1/alerts");

        assertThat(feed.statusCode()).as(feed.asString()).isEqualTo(200);
        List<String> smes = feed.jsonPath().getList("alerts.smeId");
        if (situation.allowed) {
            assertThat(smes).containsOnlyOnce(smeId);
        } else {
            assertThat(smes).doesNotContain(smeId);
        }
    }

    @ParameterizedTest(name = "{0} with {1}: list and end consents")
    @MethodSource("everyBankAndSituation")
    void aBankListsAndEndsOnlyItsOwnConsentsAndAnotherBanksConsentIsLikeNoConsentAtAll(String bank,
                                                                                      Situation situation) {
        String otherBank = bank.equals("bank-a") ? "bank-b" : "bank-a";
        Prepared prepared = situation.prepareWithConsent(bank, otherBank);
        String smeId = prepared.smeId();

        // Unfiltered, so another SME's consents cannot hide what the bank sees; newest first, so this test's own
        // consents are on the first page however many the suite has made before.
        Response list = given().auth().oauth2(token(bank)).get("/api/v1/consents");
        assertThat(list.statusCode()).isEqualTo(200);
        List<String> statuses = list.jsonPath().getList("findAll { it.smeId == '" + smeId + "' }.status");
        String own = situation.statusSeenByItsBank();
        assertThat(statuses).isEqualTo(own == null ? List.of() : List.of(own));
        assertThat(list.jsonPath().getList("bankId", String.class)).containsOnly(bank);
        if (prepared.consentId() == null) {
            return;
        }

        Response end = given().auth().oauth2(token(bank)).delete("/api/v1/consents/{id}", prepared.consentId());
        if (!prepared.consentBank().equals(bank)) {
            String random = UUID.randomUUID().toString();
            Response missing = given().auth().oauth2(token(bank)).delete("/api/v1/consents/{id}", random);
            assertThat(end.statusCode()).isEqualTo(404);
            assertThat(end.contentType()).startsWith("application/problem+json");
            assertThat(end.asString().replace(prepared.consentId().toString(), "<id>"))
                    .isEqualTo(missing.asString().replace(random, "<id>"));
            // And the other bank's consent is untouched.
            given().auth().oauth2(token(otherBank)).queryParam("smeId", smeId).get("/api/v1/consents")
                    .then().statusCode(200)
                    .body("find { it.id == '" + prepared.consentId() + "' }.status",
                            org.hamcrest.Matchers.equalTo("valid"));
            return;
        }
        if (own.equals("valid") || own.equals("received")) {
            assertThat(end.statusCode()).as(end.asString()).isEqualTo(200);
            assertThat(end.jsonPath().getString("status")).isEqualTo("terminatedByBank");
        } else {
            assertThat(end.statusCode()).as(end.asString()).isEqualTo(409);
            assertThat(end.contentType()).startsWith("application/problem+json");
        }
    }
}
