package io.smecredit.ingestion.support;

import io.smecredit.testsupport.KeycloakTokens;

/** Real access tokens from the test Keycloak (client-credentials grant), one per client, cached per test run. */
public final class Tokens {

    private static final KeycloakTokens REALM = KeycloakTokens.ofServiceUnderTest();

    private Tokens() {
    }

    public static String gateway() {
        return REALM.of("gateway-demo");
    }

    /** A gateway client bound to one demo SME: its tokens carry the sme_id claim. */
    public static String gatewayOf(String demoSmeId) {
        return REALM.of("gateway-" + demoSmeId);
    }

    /** A token of {@link #gatewayOf} that no test has used yet (so the service has not verified it before). */
    public static String freshGatewayOf(String demoSmeId) {
        return REALM.fresh("gateway-" + demoSmeId);
    }

    public static String operator() {
        return REALM.of("ops");
    }

    public static String bank() {
        return REALM.of("bank-a");
    }
}
