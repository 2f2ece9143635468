package io.smecredit.loan.common;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemType;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cheap refusals before any work: banks over their request rate (429 with Retry-After, problem+json like every other
 * error). Bodies over the size limit are refused earlier, for both transfer modes, by platform-common's
 * {@link io.smecredit.common.http.RequestBodyLimit}.
 */
@Singleton
public class RequestGuards {

    private final CurrentIdentityAssociation identities;
    private final TokenBuckets buckets;

    public RequestGuards(CurrentIdentityAssociation identities,
                         @ConfigProperty(name = "loan.rate-limit.per-second") double perSecond,
                         @ConfigProperty(name = "loan.rate-limit.burst") double burst,
                         @ConfigProperty(name = "loan.rate-limit.overrides") Optional<List<String>> overrides) {
        this.identities = identities;
        Map<String, TokenBuckets.Limit> perClient = new HashMap<>();
        // Entries look like "client=perSecond/burst".
        for (String entry : overrides.orElse(List.of())) {
            String[] parts = entry.trim().split("[=/]");
            if (parts.length == 3) {
                perClient.put(parts[0], new TokenBuckets.Limit(Double.parseDouble(parts[1]), Double.parseDouble(parts[2])));
            }
        }
        this.buckets = new TokenBuckets(new TokenBuckets.Limit(perSecond, burst), perClient);
    }

    /** The request rate a bank's client gets from each instance of the service. */
    public TokenBuckets.Limit rateLimitOf(Bank bank) {
        return buckets.limitOf(bank.clientId());
    }

    @ServerRequestFilter
    public Uni<Response> guard(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().nullItem();
        }
        // A failed authentication is answered later by the security layer (401), not here.
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> rateLimit(identity, request));
    }

    private Response rateLimit(SecurityIdentity identity, ContainerRequestContext request) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole("bank")
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        String clientId = token.getClaim("azp");
        long retryAfter = buckets.acquire(clientId == null ? "?" : clientId, System.nanoTime());
        if (retryAfter == 0) {
            return null;
        }
        return Response.fromResponse(problem(Problem.of(ProblemType.TOO_MANY_REQUESTS,
                        "Your bank's request rate limit is exhausted; retry after " + retryAfter + " s."), request))
                .header("Retry-After", Long.toString(retryAfter))
                .build();
    }

    private static Response problem(Problem problem, ContainerRequestContext request) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(request.getUriInfo().getPath())).build();
    }
}
