package io.smecredit.scoring.model.resource;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is acting, for the registry's audit trail: the OAuth client (azp) of the token, else its principal name. */
final class Actors {

    private Actors() {
    }

    static String of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object clientId = jwt.getClaim("azp");
            if (clientId != null && !clientId.toString().isBlank()) {
                return clientId.toString();
            }
            if (jwt.getSubject() != null) {
                return jwt.getSubject();
            }
        }
        return identity.getPrincipal().getName();
    }
}
