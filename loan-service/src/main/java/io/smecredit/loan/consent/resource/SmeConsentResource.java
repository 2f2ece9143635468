package io.smecredit.loan.consent.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.common.ApiDocs;
import io.smecredit.loan.common.Idempotency;
import io.smecredit.loan.common.Tenants;
import io.smecredit.loan.consent.service.ConsentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The SME owner's side of consent; the SME is always the one named in the caller's token. */
@Path("/api/v1/me/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consents (SME)")
@RolesAllowed("sme")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHENTICATED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = ApiDocs.SME_FORBIDDEN,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
public class SmeConsentResource {

    private final ConsentService consents;
    private final Tenants tenants;

    public SmeConsentResource(ConsentService consents, Tenants tenants) {
        this.consents = consents;
        this.tenants = tenants;
    }

    @GET
    @Operation(summary = "My consents", description = "Every consent of the caller's SME, newest first: requests "
            + "waiting for approval and grants, with their current status. Requires role 'sme'.")
    @APIResponse(responseCode = "200", description = "The SME's consents.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsentView.class, type = SchemaType.ARRAY)))
    public Uni<List<ConsentView>> list() {
        return consents.ofSme(tenants.currentSmeId()).map(list -> list.stream().map(ConsentView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a bank access directly", description = "Creates a consent that is valid at once. "
            + "Safe to retry: while a valid grant to the same bank with the same scopes, purpose and expiry exists, "
            + "the same grant again answers it (200, Idempotent-Replayed: true) instead of creating another. "
            + "Requires role 'sme'.")
    @APIResponse(responseCode = "200", description = "The same grant was made before: the existing consent.",
            headers = {@Header(name = "Location", description = "/api/v1/me/consents/{id}"),
                    @Header(name = "Idempotent-Replayed", description = "true")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "201", description = "The new, valid consent.",
            headers = @Header(name = "Location", description = "/api/v1/me/consents/{id}: where to read it again."),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "400", description = "Unknown bank or scope, missing purpose, expiry in the past or "
            + "more than one year ahead.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> grant(ConsentGrantBody body) {
        ConsentGrantBody b = body == null ? new ConsentGrantBody(null, null, null, null) : body;
        return consents.grant(tenants.currentSmeId(), tenants.subject(), b.bankId(), b.scopes(), b.purpose(),
                        b.expiresAt())
                .map(granted -> {
                    ConsentView view = ConsentView.of(granted.consent());
                    Response.ResponseBuilder answer = granted.replayed()
                            ? Response.ok().header(Idempotency.REPLAYED_HEADER, "true")
                            : Response.status(Response.Status.CREATED);
                    return answer.header(HttpHeaders.LOCATION, "/api/v1/me/consents/" + view.id()).entity(view).build();
                });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my consents", description = "The consent with its current status (the Location of "
            + "a direct grant). Requires role 'sme'.")
    @APIResponse(responseCode = "200", description = "The consent.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "No consent with this id concerns the caller's SME.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentView> get(@PathParam("id") String id) {
        return consents.ofSmeById(tenants.currentSmeId(), id).map(ConsentView::of);
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve a bank's consent request", description = "received → valid. Requires role 'sme'.")
    @APIResponse(responseCode = "200", description = "The now valid consent.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "No consent with this id concerns the caller's SME.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The consent is not waiting for approval (any more).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentView> approve(@PathParam("id") String id) {
        return consents.approve(tenants.currentSmeId(), tenants.subject(), id).map(ConsentView::of);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject a bank's consent request", description = "received → rejected. Requires role 'sme'.")
    @APIResponse(responseCode = "200", description = "The rejected consent.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "No consent with this id concerns the caller's SME.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The consent is not waiting for approval (any more).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentView> reject(@PathParam("id") String id) {
        return consents.reject(tenants.currentSmeId(), tenants.subject(), id).map(ConsentView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a consent", description = "received or valid → revokedBySme; the bank loses access "
            + "from its very next request. Requires role 'sme'.")
    @APIResponse(responseCode = "200", description = "The revoked consent.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "No consent with this id concerns the caller's SME.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The consent has already ended.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentView> revoke(@PathParam("id") String id) {
        return consents.revoke(tenants.currentSmeId(), tenants.subject(), id).map(ConsentView::of);
    }
}
