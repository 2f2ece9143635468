package io.smecredit.loan.application.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.application.repository.CreditPolicyRepository.StoredPolicy;
import io.smecredit.loan.application.service.PolicyRegistry;
import io.smecredit.loan.common.ApiDocs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credit policy")
@SecurityRequirement(name = ApiDocs.BEARER)
@RolesAllowed("operator")
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHENTICATED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks role 'operator'.",
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
public class PolicyResource {

    private final PolicyRegistry registry;

    public PolicyResource(PolicyRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "List credit policy versions", description = "Every credit policy version put in force, newest "
            + "first, with its rules; the one this instance decides under is marked inForce. Requires role "
            + "'operator'.")
    @APIResponse(responseCode = "200", description = "The versions.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = PolicyView.class)))
    public Uni<List<PolicyView>> list() {
        return registry.all().map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "Read one credit policy version", description = "The rules registered under a version: the "
            + "rules every decision naming that version applied. Requires role 'operator'.")
    @APIResponse(responseCode = "200", description = "The version.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "404", description = "No policy version of that name was ever put in force.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<PolicyView> byVersion(@PathParam("version") String version) {
        return registry.byVersion(version).map(found -> found.map(this::view).orElseThrow(() ->
                new ProblemException(ProblemType.NOT_FOUND, "No credit policy version '" + version
                        + "' was ever put in force.")));
    }

    private PolicyView view(StoredPolicy stored) {
        return new PolicyView(stored.version(), stored.version().equals(registry.current().version()),
                stored.firstInForce(), stored.rules());
    }
}
