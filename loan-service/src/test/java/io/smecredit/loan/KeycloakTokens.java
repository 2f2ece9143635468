package io.smecredit.loan;

/**
 * Real access tokens from the test Keycloak, for the realm the service trusts (its own
 * {@code quarkus.oidc.auth-server-url}, so tests and service always talk to the same realm). Every call fetches a new
 * token; the grants themselves live in test-support.
 */
public final class KeycloakTokens {

    private static final io.smecredit.testsupport.KeycloakTokens REALM =
            io.smecredit.testsupport.KeycloakTokens.ofServiceUnderTest();

    private KeycloakTokens() {
    }

    /** Token for one of the dev/test realm's clients, whose secret is by convention {@code <client>-secret}. */
    public static String accessToken(String clientId) {
        return REALM.fresh(clientId);
    }

    /**
     * An SME owner's token from the demo realm's {@code sme-test} client (password grant, demo realm only), carrying
     * the {@code sme_id} claim: user {@code owner-sme-00n} with password {@code demo-sme-00n}.
     */
    public static String smeOwnerToken(String smeId) {
        return REALM.smeOwner(smeId);
    }

    /** The same owner's ID token: signed by the realm and current, but not an access token. */
    public static String smeOwnerIdToken(String smeId) {
        return REALM.smeOwnerIdToken(smeId);
    }

    /** A genuine token of the {@code master} realm: correctly signed by this Keycloak, but for another issuer. */
    public static String masterRealmToken() {
        return REALM.masterAdmin();
    }

    /** The payload claims of a JWT, decoded without verification (for reading exp in tests). */
    public static java.util.Map<String, Object> claims(String jwt) {
        return io.smecredit.testsupport.KeycloakTokens.claims(jwt);
    }

    /** The same token with one character of its signature changed: well-formed, but not signed by Keycloak. */
    public static String withTamperedSignature(String jwt) {
        return io.smecredit.testsupport.KeycloakTokens.withTamperedSignature(jwt);
    }
}
