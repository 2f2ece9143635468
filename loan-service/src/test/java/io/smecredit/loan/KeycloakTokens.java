package io.smecredit.loan;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real access tokens from the test Keycloak (client-credentials grant), for the realm the service trusts.
 * The token endpoint is derived from the service's own {@code quarkus.oidc.auth-server-url}, so tests and
 * service always talk to the same realm.
 */
public final class KeycloakTokens {

    private KeycloakTokens() {
    }

    /** Token for one of the dev/test realm's clients, whose secret is by convention {@code <client>-secret}. */
    public static String accessToken(String clientId) {
        return accessToken(clientId, clientId + "-secret");
    }

    public static String accessToken(String clientId, String clientSecret) {
        String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
                .replaceAll("/+$", "");
        return RestAssured.given()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", clientSecret)
                .when().post(realm + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /**
     * An SME owner's token from the demo realm's {@code sme-test} client (password grant, demo realm only), carrying
     * the {@code sme_id} claim: user {@code owner-sme-00n} with password {@code demo-sme-00n}.
     */
    public static String smeOwnerToken(String smeId) {
        return RestAssured.given()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "sme-test")
                .formParam("username", "owner-" + smeId)
                .formParam("password", "demo-" + smeId)
                .when().post(realm() + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /**
     * A genuine token of the {@code master} realm: correctly signed by this Keycloak, but for another issuer. Uses
     * the test Keycloak's dev-only bootstrap admin (infra/lib/keycloak.sh), overridable by env.
     */
    public static String masterRealmToken() {
        String server = realm().replaceAll("/realms/.*$", "");
        return RestAssured.given()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", System.getenv().getOrDefault("KEYCLOAK_ADMIN_USER", "admin"))
                .formParam("password", System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "admin-dev-only"))
                .when().post(server + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** The payload claims of a JWT, decoded without verification (for reading exp in tests). */
    public static java.util.Map<String, Object> claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        byte[] json = java.util.Base64.getUrlDecoder().decode(payload);
        return io.restassured.path.json.JsonPath.from(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .getMap("");
    }

    private static String realm() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
                .replaceAll("/+$", "");
    }

    /** The same token with one character of its signature changed: well-formed, but not signed by Keycloak. */
    public static String withTamperedSignature(String jwt) {
        int signatureStart = jwt.lastIndexOf('.') + 1;
        // A middle character: the last one may only carry padding bits that do not change the decoded signature.
        int index = signatureStart + (jwt.length() - signatureStart) / 2;
        char flipped = jwt.charAt(index) == 'A' ? 'B' : 'A';
        return jwt.substring(0, index) + flipped + jwt.substring(index + 1);
    }
}
