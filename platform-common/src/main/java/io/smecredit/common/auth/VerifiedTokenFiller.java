package io.smecredit.common.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Puts each identity OIDC built from a bearer token into the {@link VerifiedTokenCache}. Augmentors only see
 * identities that were authenticated, so a token that failed verification never gets here. Runs after any other
 * augmentor, so the cached identity is the finished one.
 */
@ApplicationScoped
public class VerifiedTokenFiller implements SecurityIdentityAugmentor {

    private final VerifiedTokenCache cache;

    public VerifiedTokenFiller(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getAttribute(VerifiedTokenCache.FROM_CACHE) != null) {
            return Uni.createFrom().item(identity);
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential != null && credential.getToken() != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
            cache.remember(credential.getToken(), identity, jwt.getExpirationTime());
        }
        return Uni.createFrom().item(identity);
    }
}
