package io.smecredit.loan.consent.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.common.ApiDocs;
import io.smecredit.loan.common.Idempotency;
import io.smecredit.loan.common.Pages;
import io.smecredit.loan.common.Tenants;
import io.smecredit.loan.consent.domain.ConsentListFilter;
import io.smecredit.loan.consent.service.ConsentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consents (bank)")
@RolesAllowed("bank")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHENTICATED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = ApiDocs.BANK_FORBIDDEN,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = ApiDocs.RATE_LIMITED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
public class BankConsentResource {

    private final ConsentService consents;
    private final Tenants tenants;
    private final ObjectMapper json;

    public BankConsentResource(ConsentService consents, Tenants tenants, ObjectMapper json) {
        this.consents = consents;
        this.tenants = tenants;
        this.json = json;
    }

    @POST
    @Path("/consent-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask an SME for consent",
            description = "Creates a consent in status 'received'; it becomes 'valid' when the SME approves it. "
                    + "Optional Idempotency-Key: a retry with the same key and terms returns the stored answer "
                    + "(header Idempotent-Replayed: true) instead of asking the SME twice; the same key with other "
                    + "terms gets 422. Requires role 'bank'.")
    @APIResponse(responseCode = "201", description = "The consent request.",
            headers = {@Header(name = "Location", description = "/api/v1/consents/{id}: where to read it again."),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true when this is the stored answer "
                            + "of an earlier request with the same key")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong (unknown scope, expiry in the "
            + "past or more than one year ahead, malformed smeId), or the Idempotency-Key is over 255 characters.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different request.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> request(
            @Parameter(in = ParameterIn.HEADER, description = "Optional; unique per intended request, e.g. a UUID: "
                    + "reuse it only to retry the same request. Not blank.", schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = Idempotency.MAX_KEY_LENGTH)) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            ConsentRequestBody body) {
        ConsentRequestBody b = body == null ? new ConsentRequestBody(null, null, null, null) : body;
        return consents.request(tenants.currentBank(), idempotencyKey, b.smeId(), b.scopes(), b.purpose(),
                        b.expiresAt(), ConsentView::of)
                .map(stored -> stored.toCreatedResponse("/api/v1/consents", json));
    }

    @GET
    @Path("/consents")
    @Operation(summary = "This bank's consents", description = "The calling bank's consents, newest first, with "
            + "their current status, one page at a time; optionally only one SME's and/or only those in one status "
            + "as of now. A full page carries a Link header (rel=\"next\") to the next, older page; the last page "
            + "has none. Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "The bank's consents that match, newest first.",
            headers = @Header(name = "Link", description = "</api/v1/consents?before={consentId}&limit={limit}>; "
                    + "rel=\"next\" (with the same smeId and status) — present when the page is full, so older "
                    + "consents may follow."),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "smeId is malformed, status is not a consent status, before is "
            + "not the id of one of the bank's consents, or limit is out of range (each bad one is named).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<List<ConsentView>>> list(
            @Parameter(description = "Only this SME's consents", example = "sme-001") @QueryParam("smeId") String smeId,
            @Parameter(description = "Only consents in this status now: received, valid, rejected, expired, "
                    + "revokedBySme or terminatedByBank", example = "valid") @QueryParam("status") String status,
            @Parameter(description = "Only consents older than this one (from the previous page's Link header); "
                    + "omit for the newest") @QueryParam("before") String before,
            @Parameter(description = "Consents per page, 1 to " + ConsentListFilter.MAX_LIMIT + " (default "
                    + ConsentListFilter.MAX_LIMIT + ")") @QueryParam("limit") String limit) {
        ConsentListFilter filter = ConsentListFilter.of(smeId, status, before, limit);
        return consents.ofBank(tenants.currentBank(), filter).map(page -> page.stream().map(ConsentView::of).toList())
                .map(page -> Pages.withNextLink(page, filter.mayHaveMore(page.size()),
                        last -> nextPage(filter, last.id())));
    }

    private static String nextPage(ConsentListFilter filter, UUID lastId) {
        StringBuilder link = new StringBuilder("/api/v1/consents?");
        if (filter.smeId() != null) {
            link.append("smeId=").append(URLEncoder.encode(filter.smeId(), StandardCharsets.UTF_8)).append('&');
        }
        if (filter.status() != null) {
            link.append("status=").append(filter.status().wireName()).append('&');
        }
        return link.append("before=").append(lastId).append("&limit=").append(filter.limit()).toString();
    }

    @GET
    @Path("/consents/{id}")
    @Operation(summary = "One of this bank's consents", description = "The consent with its current status (the "
            + "Location of a consent request). Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "The consent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "No consent with this id belongs to the calling bank.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentView> get(@PathParam("id") String id) {
        return consents.ofBankById(tenants.currentBank(), id).map(ConsentView::of);
    }

    @DELETE
    @Path("/consents/{id}")
    @Operation(summary = "End a consent", description = "The bank no longer needs the data: the consent becomes "
            + "'terminatedByBank' and stops allowing access at once. Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "The terminated consent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "404", description = "No consent with this id belongs to the calling bank.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The consent is no longer received or valid.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentView> terminate(@PathParam("id") String id) {
        return consents.terminate(tenants.currentBank(), id).map(ConsentView::of);
    }
}
