package io.smecredit.e2e;

import static io.restassured.RestAssured.given;

/** Real access tokens from the demo realm, obtained with the client-credentials grant like a bank or gateway would. */
final class Tokens {

    static final String KEYCLOAK_URL = System.getenv().getOrDefault("KEYCLOAK_URL", "http://127.0.0.1:8180");

    private Tokens() {
    }

    /** An SME owner's token via the demo realm's sme-test client (password grant; demo realm only). */
    static String smeOwner(String username, String password) {
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", "sme-test")
                .formParam("username", username)
                .formParam("password", password)
                .post(KEYCLOAK_URL + "/realms/sme-credit/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    static String clientCredentials(String clientId, String secret) {
        return given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(KEYCLOAK_URL + "/realms/sme-credit/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
