package io.smecredit.ingestion.support;

import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the test Keycloak (client-credentials grant), one per client, cached per test run. */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String gateway() {
        return token("gateway-demo", "gateway-demo-secret");
    }

    /** A gateway client bound to one demo SME: its tokens carry the sme_id claim. */
    public static String gatewayOf(String demoSmeId) {
        return token("gateway-" + demoSmeId, "gateway-" + demoSmeId + "-secret");
    }

    /** A token of {@link #gatewayOf} that no test has used yet (so the service has not verified it before). */
    public static String freshGatewayOf(String demoSmeId) {
        return fetch("gateway-" + demoSmeId, "gateway-" + demoSmeId + "-secret");
    }

    public static String operator() {
        return token("ops", "ops-secret");
    }

    public static String bank() {
        return token("bank-a", "bank-a-secret");
    }

    private static String token(String clientId, String secret) {
        return CACHE.computeIfAbsent(clientId, id -> fetch(clientId, secret));
    }

    private static String fetch(String clientId, String secret) {
        String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        return RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(realm + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
