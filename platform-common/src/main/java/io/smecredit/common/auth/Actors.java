package io.smecredit.common.auth;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one name every service records for whoever acts with a token, so that an auditor can follow an operator, a
 * bank or an SME user across the services' audit trails by the same name: a person by their username, an OAuth
 * client acting for itself (client credentials) by its client id — never by Keycloak's generated service-account
 * user ({@code service-account-ops}), which no one would look for.
 */
public final class Actors {

    /** Keycloak names the user behind a client's service account this way. */
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    private Actors() {
    }

    public static String of(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken token ? of(token) : identity.getPrincipal().getName();
    }

    public static String of(JsonWebToken token) {
        String username = claim(token, "preferred_username");
        String clientId = claim(token, "azp");
        if (username != null && !username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            return username;
        }
        if (clientId != null) {
            return clientId;
        }
        return username != null ? username : token.getSubject();
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        String text = value == null ? null : value.toString().replace("\"", "");
        return text == null || text.isBlank() ? null : text;
    }
}
