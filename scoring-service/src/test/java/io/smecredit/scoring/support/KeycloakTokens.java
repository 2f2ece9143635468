package io.smecredit.scoring.support;

/** Real access tokens from the test Keycloak, one per client per test JVM (shared helper in test-support). */
public final class KeycloakTokens {

    private static final io.smecredit.testsupport.KeycloakTokens REALM =
            io.smecredit.testsupport.KeycloakTokens.ofServiceUnderTest();

    private KeycloakTokens() {
    }

    public static String operator() {
        return REALM.of("ops");
    }

    public static String bankA() {
        return REALM.of("bank-a");
    }

    public static String gateway() {
        return REALM.of("gateway-demo");
    }

    /** The demo owner of sme-001 (role sme), through the demo realm's password-grant test client. */
    public static String smeOwner() {
        return REALM.smeOwner("sme-001");
    }
}
