package io.smecredit.loan.application.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.application.domain.ApplicationListFilter;
import io.smecredit.loan.application.service.CreditApplicationService;
import io.smecredit.loan.application.service.OutcomeOutboxRelay;
import io.smecredit.loan.application.service.OutcomeService;
import io.smecredit.loan.common.ApiDocs;
import io.smecredit.loan.common.Idempotency;
import io.smecredit.loan.common.Pages;
import io.smecredit.loan.common.Tenants;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/credit-applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credit applications")
@RolesAllowed("bank")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHENTICATED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = ApiDocs.BANK_FORBIDDEN,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = ApiDocs.RATE_LIMITED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
public class CreditApplicationResource {


    private final CreditApplicationService applications;
    private final OutcomeService outcomes;
    private final OutcomeOutboxRelay outbox;
    private final Tenants tenants;
    private final ObjectMapper json;

    public CreditApplicationResource(CreditApplicationService applications, OutcomeService outcomes,
                                     OutcomeOutboxRelay outbox, Tenants tenants, ObjectMapper json) {
        this.applications = applications;
        this.outcomes = outcomes;
        this.outbox = outbox;
        this.tenants = tenants;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply for credit for an SME and get the decision",
            description = "Decides at once from the versioned credit policy and the SME's latest score: APPROVE, "
                    + "DECLINE or REFER, a limit, a price suggestion by grade and the reasons. Requires role 'bank' "
                    + "and a valid consent with scope 'credit-report'. Retry safely with the same Idempotency-Key: "
                    + "the same key and body return the stored response (header Idempotent-Replayed: true); the "
                    + "same key with another body is refused with 422. Keys are kept at least 24 hours.")
    @APIResponse(responseCode = "201", description = "The application and its decision (also on a replay).",
            headers = {@Header(name = "Location", description = "/api/v1/credit-applications/{id}"),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true when this is the stored answer of an "
                            + "earlier request with the same key")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreditApplicationView.class)))
    @APIResponse(responseCode = "400", description = "Missing Idempotency-Key or a wrong field (each named).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different body, or "
            + "the currency is not one the credit policy can convert to its base currency (errors[].field = currency).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> apply(
            @Parameter(in = ParameterIn.HEADER, required = true, description = "Unique per intended application, "
                    + "e.g. a UUID; reuse it only to retry the same request. Not blank.",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = Idempotency.MAX_KEY_LENGTH))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            CreditApplicationRequest request) {
        // A missing body is the service's to report, field by field, like any other invalid one.
        return applications.apply(tenants.currentBank(), idempotencyKey, request == null ? null : request.command(),
                        CreditApplicationView::of)
                .map(stored -> stored.toCreatedResponse("/api/v1/credit-applications", json));
    }

    @GET
    @Operation(summary = "This bank's applications for one SME",
            description = "Newest first, each with its decision, one page at a time; only while the bank holds a "
                    + "valid 'credit-report' consent for the SME (otherwise the same 403 as for an SME that does not "
                    + "exist). A full page carries a Link header (rel=\"next\") to the next, older page; the last "
                    + "page has none. Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "The applications, newest first (possibly none).",
            headers = @Header(name = "Link", description = "</api/v1/credit-applications?smeId={smeId}&before="
                    + "{applicationId}&limit={limit}>; rel=\"next\" — present when the page is full, so older "
                    + "applications may follow."),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                    implementation = CreditApplicationView.class,
                    type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "smeId is missing or malformed, before is not the id of one of "
            + "the bank's applications for the SME, or limit is out of range (each bad one is named).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<List<CreditApplicationView>>> list(
            @Parameter(description = "The SME", example = "sme-001", required = true) @QueryParam("smeId") String smeId,
            @Parameter(description = "Only applications older than this one (from the previous page's Link header); "
                    + "omit for the newest") @QueryParam("before") String before,
            @Parameter(description = "Applications per page, 1 to " + ApplicationListFilter.MAX_LIMIT + " (default "
                    + ApplicationListFilter.MAX_LIMIT + ")") @QueryParam("limit") String limit) {
        ApplicationListFilter filter = ApplicationListFilter.of(smeId, before, limit);
        return applications.listFor(tenants.currentBank(), filter)
                .map(found -> found.stream().map(CreditApplicationView::of).toList())
                .map(page -> Pages.withNextLink(page, filter.mayHaveMore(page.size()),
                        last -> "/api/v1/credit-applications?smeId="
                                + URLEncoder.encode(filter.smeId(), StandardCharsets.UTF_8)
                                + "&before=" + last.id() + "&limit=" + filter.limit()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An application and its decision",
            description = "Only for the bank that created it, and only while its consent is valid. Requires role "
                    + "'bank'.")
    @APIResponse(responseCode = "200", description = "The application, its decision and the recorded inputs.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreditApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No application with this id was created by the calling bank.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<CreditApplicationView> get(@PathParam("id") String id) {
        return applications.find(tenants.currentBank(), id).map(CreditApplicationView::of);
    }

    @POST
    @Path("/{id}/outcomes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report what happened to the credit",
            description = "DISBURSED (once, first, within the limit), then REPAID, PAST_DUE (with daysPastDue) or "
                    + "DEFAULTED; nothing after REPAID or DEFAULTED; dates never before the previous outcome or in "
                    + "the future; daysPastDue only for PAST_DUE and DEFAULTED. Published as an outcome event so "
                    + "models learn from real results. Safe to retry: the same report again answers the stored "
                    + "outcome (200). Requires role 'bank', the bank that applied, and a valid 'credit-report' "
                    + "consent.")
    @APIResponse(responseCode = "201", description = "The recorded outcome.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OutcomeView.class)))
    @APIResponse(responseCode = "200", description = "The same report (type, date, amount, daysPastDue) was "
            + "recorded before, e.g. a retry after a lost answer: the stored outcome, with header "
            + "Idempotent-Replayed: true; nothing is recorded or published twice.",
            headers = @Header(name = "Idempotent-Replayed", description = "true"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OutcomeView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed (each named).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No application with this id was created by the calling bank.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The outcome does not fit the application's history; nothing is "
            + "recorded or published. A 201 outcome is published on credit.outcomes.v1 after its commit (outbox).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> reportOutcome(@PathParam("id") String id, OutcomeRequest request) {
        // The outcome's transaction has committed when record() emits: its event can leave now.
        return outcomes.record(tenants.currentBank(), id, request == null ? null : request.command())
                .invoke(recorded -> {
                    if (!recorded.replayed()) {
                        outbox.wakeUp();
                    }
                })
                .map(recorded -> recorded.replayed()
                        ? Response.ok(OutcomeView.of(recorded.outcome()))
                                .header(Idempotency.REPLAYED_HEADER, "true").build()
                        : Response.status(201).entity(OutcomeView.of(recorded.outcome())).build());
    }

    @GET
    @Path("/{id}/outcomes")
    @Operation(summary = "What was reported about the credit",
            description = "The application's outcomes in the order they were reported. Requires role 'bank', the "
                    + "bank that applied, and a valid 'credit-report' consent; audited as a read.")
    @APIResponse(responseCode = "200", description = "The outcomes, oldest first (empty before the first).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OutcomeView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No application with this id was created by the calling bank.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<List<OutcomeView>> outcomes(@PathParam("id") String id) {
        return outcomes.historyFor(tenants.currentBank(), id)
                .map(found -> found.stream().map(OutcomeView::of).toList());
    }
}
