package io.smecredit.loan.bank;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The bank a token acts for, with the real Keycloak's tokens. */
@QuarkusTest
class BankResourceTest {

    private static final String BANK = "/api/v1/bank";
    private static final String PROBLEMS = "https://sme-credit.dev/problems/";

    @Test
    void aBankTokenNamesItsBankAndTheRateLimitItGets() {
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get(BANK).then().statusCode(200)
                .contentType("application/json")
                .body("bankId", equalTo("bank-a")).body("clientId", equalTo("bank-a"))
                .body("displayName", equalTo("Demo Bank A"))
                .body("rateLimit.perSecond", equalTo(200.0f)).body("rateLimit.burst", equalTo(400.0f));
    }

    @Test
    void eachBankSeesItsOwnRateLimit() {
        // The test profile gives bank-b its own limit (loan.rate-limit.overrides).
        given().auth().oauth2(KeycloakTokens.accessToken("bank-b")).get(BANK).then().statusCode(200)
                .body("bankId", equalTo("bank-b")).body("displayName", equalTo("Demo Bank B"))
                .body("rateLimit.perSecond", equalTo(250.0f)).body("rateLimit.burst", equalTo(500.0f));
    }

    @Test
    void onlyRegisteredBanksAreAnswered() {
        given().get(BANK).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unauthenticated"));
        given().auth().oauth2(KeycloakTokens.smeOwnerToken("sme-001")).get(BANK).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "forbidden"));
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get(BANK).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        // Role 'bank' but no partner bank record.
        given().auth().oauth2(KeycloakTokens.accessToken("bank-short-lived")).get(BANK).then()
                .statusCode(org.hamcrest.Matchers.oneOf(403, 429));
    }
}
