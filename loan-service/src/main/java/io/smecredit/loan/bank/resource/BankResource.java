package io.smecredit.loan.bank.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.common.ApiDocs;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.RequestGuards;
import io.smecredit.loan.common.Tenants;
import io.smecredit.loan.common.TokenBuckets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Which bank a token acts for: the first call an integrator makes to check a token works, and the bank's rate limit,
 * which it would otherwise learn only from a 429. Reads nothing of any SME, so it needs no consent and no audit record.
 */
@Path("/api/v1/bank")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bank")
public class BankResource {

    private final Tenants tenants;
    private final RequestGuards guards;

    public BankResource(Tenants tenants, RequestGuards guards) {
        this.tenants = tenants;
        this.guards = guards;
    }

    @GET
    @RolesAllowed("bank")
    @SecurityRequirement(name = ApiDocs.BEARER)
    @Operation(summary = "The bank your token acts for", description = "Your bank's id (the bankId SMEs grant "
            + "consents to), its Keycloak client and its request rate limit. Requires role 'bank'. No database "
            + "access: also the cheapest way to check that a token is accepted.")
    @APIResponse(responseCode = "200", description = "Your bank.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BankView.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHENTICATED, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks role 'bank', or its client is not a registered "
            + "bank.", content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.RATE_LIMITED, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<BankView> currentBank() {
        return Uni.createFrom().item(() -> {
            Bank bank = tenants.currentBank();
            TokenBuckets.Limit limit = guards.rateLimitOf(bank);
            return new BankView(bank.id(), bank.clientId(), bank.displayName(),
                    new BankView.RateLimit(limit.perSecond(), limit.burst()));
        });
    }
}
