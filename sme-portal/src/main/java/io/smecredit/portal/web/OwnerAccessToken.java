package io.smecredit.portal.web;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Sends the signed-in owner's own access token to loan-service, so loan-service authorises each call as that owner
 * (role {@code sme}, their {@code sme_id}) and the portal holds no power of its own.
 *
 * <p>This is what quarkus-rest-client-oidc-token-propagation's {@code @AccessToken} does; that extension cannot be
 * resolved for Quarkus 3.33.2 here (its parent POM is missing from the Maven repository), and the behaviour needed
 * is this one header.
 */
@ApplicationScoped
public class OwnerAccessToken implements ClientHeadersFactory {

    private final SecurityIdentity identity;

    public OwnerAccessToken(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
                                                 MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        AccessTokenCredential token = identity.isAnonymous() ? null : identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            // Without a token loan-service answers 401, which the portal shows as "sign in again".
            return headers;
        }
        headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        return headers;
    }
}
