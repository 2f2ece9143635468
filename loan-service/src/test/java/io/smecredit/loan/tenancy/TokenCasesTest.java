package io.smecredit.loan.tenancy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import io.smecredit.testsupport.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Which tokens the real Keycloak issues that the service must refuse, and how. */
@QuarkusTest
class TokenCasesTest {

    private static final String REPORT = "/api/v1/smes/{smeId}/credit-report";
    private static final String PROBLEMS = "https://sme-credit.dev/problems/";

    private static ValidatableResponse unauthenticated(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo(PROBLEMS + "unauthenticated"));
    }

    private static ValidatableResponse forbidden(ValidatableResponse response) {
        return response.statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "forbidden"));
    }

    private static String consentedSme() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 650, 0.04, "C", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        return smeId;
    }

    @Test
    void theSameBankTokenThatReadsTheReportIsRefusedOnceTampered() {
        String smeId = consentedSme();
        String token = KeycloakTokens.accessToken("bank-a");
        given().auth().oauth2(token).get(REPORT, smeId).then().statusCode(200);

        unauthenticated(given().auth().oauth2(KeycloakTokens.withTamperedSignature(token))
                .get(REPORT, smeId).then());
    }

    @Test
    void aReusedTokenIsVerifiedOnceAndThenAnsweredFromTheCache() {
        String smeId = consentedSme();
        String token = KeycloakTokens.accessToken("bank-a");
        double hitsBefore = ManagementInterface.metric("auth_token_cache_hits_total");
        double missesBefore = ManagementInterface.metric("auth_token_cache_misses_total");

        String first = given().auth().oauth2(token).get(REPORT, smeId).then().statusCode(200).extract().asString();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get(REPORT, smeId).then().statusCode(200)
                    .body("smeId", equalTo(smeId)).body("score", equalTo(650));
        }

        assertThat(first).contains(smeId);
        // Other tests may run requests meanwhile, so at least: one verification, then three answers from the cache.
        assertThat(ManagementInterface.metric("auth_token_cache_misses_total")).isGreaterThanOrEqualTo(missesBefore + 1);
        assertThat(ManagementInterface.metric("auth_token_cache_hits_total")).isGreaterThanOrEqualTo(hitsBefore + 3);
    }

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() {
        // Authenticated, so its identity is cached: 403 (bank-short-lived is no registered bank), or 429 when other
        // tests have used up its deliberately small rate limit; either way not 401 ...
        String token = KeycloakTokens.accessToken("bank-short-lived");
        Instant expiry = Instant.ofEpochSecond(((Number) KeycloakTokens.claims(token).get("exp")).longValue());
        given().auth().oauth2(token).get("/api/v1/consents").then().statusCode(org.hamcrest.Matchers.oneOf(403, 429));

        await("token expiry").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));

        // ... and the cache does not outlive the token's exp.
        unauthenticated(given().auth().oauth2(token).get("/api/v1/consents").then());
    }

    @Test
    void noTokenIsRefused() {
        unauthenticated(given().get(REPORT, consentedSme()).then());
        unauthenticated(given().get("/api/v1/consents").then());
        unauthenticated(given().get("/api/v1/me/consents").then());
    }

    @Test
    void aKeycloakTokenIsRefusedOnceItHasExpired() {
        // bank-short-lived is a realm client whose tokens live 3 seconds: a real, correctly signed token that expires.
        String token = KeycloakTokens.accessToken("bank-short-lived");
        Instant expiry = Instant.ofEpochSecond(((Number) KeycloakTokens.claims(token).get("exp")).longValue());
        assertThat(expiry).isBefore(Instant.now().plusSeconds(10));

        await("token expiry").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));

        unauthenticated(given().auth().oauth2(token).get(REPORT, consentedSme()).then());
    }

    @Test
    void anIdTokenIsNotAnAccessTokenAndIsRefused() {
        // Signed by the realm and current: only its type (typ ID) says it was issued to sign someone in to a client,
        // not to call an API. Accepted before, and then refused only for lacking roles (403).
        String idToken = KeycloakTokens.smeOwnerIdToken("sme-002");
        assertThat(KeycloakTokens.claims(idToken)).containsEntry("typ", "ID");

        unauthenticated(given().auth().oauth2(idToken).get("/api/v1/me/consents").then());
        given().auth().oauth2(KeycloakTokens.smeOwnerToken("sme-002")).get("/api/v1/me/consents")
                .then().statusCode(200);
    }

    @Test
    void aTokenFromAnotherRealmOfTheSameKeycloakIsRefused() {
        String masterToken = KeycloakTokens.masterRealmToken();
        assertThat((String) KeycloakTokens.claims(masterToken).get("iss")).endsWith("/realms/master");

        unauthenticated(given().auth().oauth2(masterToken).get(REPORT, consentedSme()).then());
    }

    @Test
    void tokensWithoutTheBankRoleAreForbiddenOnBankEndpoints() {
        String smeId = consentedSme();
        forbidden(given().auth().oauth2(KeycloakTokens.accessToken("ops")).get(REPORT, smeId).then());
        forbidden(given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/consents").then());
    }

    @Test
    void anSmeOwnerTokenIsForbiddenOnBankEndpointsEvenForItsOwnSme() {
        String smeToken = KeycloakTokens.smeOwnerToken("sme-002");
        forbidden(given().auth().oauth2(smeToken).get(REPORT, "sme-002").then());
        forbidden(given().auth().oauth2(smeToken).get("/api/v1/consents").then());
    }

    @Test
    void aBankTokenIsForbiddenOnSmeEndpoints() {
        forbidden(given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get("/api/v1/me/consents").then());
        forbidden(given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get("/api/v1/me/access-log").then());
    }

    @Test
    void aBankRoleClientThatIsNotARegisteredBankIsForbidden() {
        // bank-unregistered has role 'bank' in the realm, a normal token lifespan and the default rate limit, but no
        // loan.banks entry: the only thing that can refuse it is the registered-bank check.
        String token = KeycloakTokens.accessToken("bank-unregistered");
        String smeId = consentedSme();
        Fixtures.validConsent(smeId, "bank-unregistered", "credit-report");

        forbidden(given().auth().oauth2(token).get("/api/v1/consents").then())
                .body("detail", containsString("not registered"));
        forbidden(given().auth().oauth2(token).get(REPORT, smeId).then())
                .body("detail", containsString("not registered"));
    }
}
