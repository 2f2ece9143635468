package io.smecredit.testsupport;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real access tokens from the test Keycloak, obtained with the grants the platform's callers use: client credentials
 * (banks, gateways, operators) and, in the demo realm only, the {@code sme-test} client's password grant (SME owners).
 * Every client of the demo realm has the secret {@code <client>-secret} and every demo owner {@code owner-<sme>} the
 * password {@code demo-<sme>} — dev-only values, as the README says.
 */
public final class KeycloakTokens {

    /** The test Keycloak's bootstrap admin (infra/lib/keycloak.sh): dev-only. */
    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "admin-dev-only";

    private final String realmUrl;
    private final Map<String, String> cached = new ConcurrentHashMap<>();

    private KeycloakTokens(String realmUrl) {
        this.realmUrl = realmUrl.replaceAll("/+$", "");
    }

    /** Tokens of the realm at this URL ({@code http://host:port/realms/name}). */
    public static KeycloakTokens ofRealm(String realmUrl) {
        return new KeycloakTokens(realmUrl);
    }

    /** Tokens of the realm the service under test trusts: its own {@code quarkus.oidc.auth-server-url}. */
    public static KeycloakTokens ofServiceUnderTest() {
        return ofRealm(ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class));
    }

    public String realmUrl() {
        return realmUrl;
    }

    /** A new token of a demo client (secret {@code <client>-secret}); never one handed out before. */
    public String fresh(String clientId) {
        return clientCredentials(clientId, clientId + "-secret");
    }

    /** One token per demo client for the whole test run, as a real client reuses its token. */
    public String of(String clientId) {
        return cached.computeIfAbsent(clientId, this::fresh);
    }

    public String clientCredentials(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A demo SME owner's token ({@code owner-<smeId>}), carrying the {@code sme_id} claim. */
    public String smeOwner(String smeId) {
        return password("sme-test", "owner-" + smeId, "demo-" + smeId);
    }

    public String password(String clientId, String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password));
    }

    /** A demo SME owner's ID token (typ ID): correctly signed and current, but not an access token. */
    public String smeOwnerIdToken(String smeId) {
        return grant(Map.of("grant_type", "password", "client_id", "sme-test", "username", "owner-" + smeId,
                "password", "demo-" + smeId, "scope", "openid"), "id_token");
    }

    /** A token of the {@code master} realm's admin: signed by this Keycloak, but for another issuer; admin API. */
    public String masterAdmin() {
        String server = realmUrl.substring(0, realmUrl.indexOf("/realms/"));
        return ofRealm(server + "/realms/master").password("admin-cli", ADMIN_USER, ADMIN_PASSWORD);
    }

    private String token(Map<String, String> form) {
        return grant(form, "access_token");
    }

    private String grant(Map<String, String> form, String tokenField) {
        return RestAssured.given()
                .contentType(ContentType.URLENC)
                .formParams(form)
                .when().post(realmUrl + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path(tokenField);
    }

    /** The payload claims of a JWT, decoded without verification (for reading exp in tests). */
    public static Map<String, Object> claims(String jwt) {
        byte[] json = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JsonPath.from(new String(json, StandardCharsets.UTF_8)).getMap("");
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
