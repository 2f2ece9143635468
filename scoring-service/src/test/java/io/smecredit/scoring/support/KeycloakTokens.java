package io.smecredit.scoring.support;

import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the test Keycloak via the client-credentials grant, one per client per test JVM. */
public final class KeycloakTokens {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private KeycloakTokens() {
    }

    public static String operator() {
        return forClient("ops", "ops-secret");
    }

    public static String bankA() {
        return forClient("bank-a", "bank-a-secret");
    }

    public static String gateway() {
        return forClient("gateway-demo", "gateway-demo-secret");
    }

    /** The demo owner of sme-001 (role sme), through the demo realm's password-grant test client. */
    public static String smeOwner() {
        return TOKENS.computeIfAbsent("owner-sme-001", user -> RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "sme-test")
                .formParam("username", user)
                .formParam("password", "demo-sme-001")
                .post(realmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token"));
    }

    private static String forClient(String clientId, String secret) {
        return TOKENS.computeIfAbsent(clientId, id -> RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", id)
                .formParam("client_secret", secret)
                .post(realmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token"));
    }

    private static String realmUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }
}
