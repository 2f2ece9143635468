package io.smecredit.portal.web;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is signed in, for the page header. */
@RequestScoped
public class SignedInOwner {

    private final SecurityIdentity identity;

    // Field injection: @IdToken is not allowed on constructor parameters.
    @Inject
    @IdToken
    JsonWebToken idToken;

    public SignedInOwner(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Owner current() {
        String username = idToken.containsClaim("preferred_username")
                ? idToken.getClaim("preferred_username")
                : identity.getPrincipal().getName();
        String smeId = idToken.containsClaim(OwnerClaims.SME_CLAIM) ? idToken.getClaim(OwnerClaims.SME_CLAIM) : null;
        if (smeId == null) {
            AccessTokenCredential accessToken = identity.getCredential(AccessTokenCredential.class);
            smeId = accessToken == null ? null : OwnerClaims.claim(accessToken.getToken(), OwnerClaims.SME_CLAIM).orElse(null);
        }
        return new Owner(username, smeId);
    }
}
