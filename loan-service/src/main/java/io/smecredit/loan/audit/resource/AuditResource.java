package io.smecredit.loan.audit.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.audit.domain.AccessLogQuery;
import io.smecredit.loan.audit.domain.AuditQuery;
import io.smecredit.loan.audit.domain.ChainCheckpoint;
import io.smecredit.loan.audit.service.AuditLog;
import io.smecredit.loan.common.ApiDocs;
import io.smecredit.loan.common.Pages;
import io.smecredit.loan.common.Tenants;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHENTICATED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    private final AuditLog audit;
    private final Tenants tenants;

    public AuditResource(AuditLog audit, Tenants tenants) {
        this.audit = audit;
        this.tenants = tenants;
    }

    @GET
    @Path("/audit/verify")
    @RolesAllowed("operator")
    @Operation(summary = "Verify the audit chain", description = "Recomputes every record's hash and link up to "
            + "the chain's head and reports the first broken record, and the head it checked (headSeq, headHash). "
            + "Keep that pair outside the database and pass it back as checkpointSeq and checkpointHash: the record "
            + "must still have that hash, which catches a log rewritten with recomputed hashes by someone with "
            + "database access. Requires role 'operator'.")
    @APIResponse(responseCode = "200", description = "The verification result (intact or not).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChainReport.class)))
    @APIResponse(responseCode = "400", description = "checkpointSeq or checkpointHash is not valid, or only one is"
            + " given (each bad one is named).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks role 'operator'.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ChainReport> verify(
            @Parameter(description = "headSeq of an earlier verification, kept outside the database")
            @QueryParam("checkpointSeq") String checkpointSeq,
            @Parameter(description = "headHash of that verification") @QueryParam("checkpointHash")
            String checkpointHash) {
        return audit.verify(ChainCheckpoint.of(checkpointSeq, checkpointHash)).map(ChainReport::of);
    }

    @GET
    @Path("/audit/records")
    @RolesAllowed("operator")
    @Operation(summary = "Read the audit log", description = "The whole audit chain for operators and auditors, newest "
            + "first, one page at a time, optionally only the records about one SME, by one actor or of one action "
            + "(each matched exactly). Each record carries everything its hash covers, so it can be checked by hand. "
            + "A full page carries a Link header (rel=\"next\") to the older records. The read is itself recorded "
            + "(action AUDIT_LOG_READ). Requires role 'operator'.")
    @APIResponse(responseCode = "200", description = "Audit records, newest first.",
            headers = @Header(name = "Link", description = "</api/v1/audit/records?before={seq}&limit={limit}&…>; "
                    + "rel=\"next\" — present when the page is full, so older records may follow."),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditRecordView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A filter, before or limit is not valid (each bad one is named).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks role 'operator'.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<List<AuditRecordView>>> records(
            @Parameter(description = "Only records about this SME") @QueryParam("smeId") String smeId,
            @Parameter(description = "Only records by this actor (bank id, SME user or operator)")
            @QueryParam("actor") String actor,
            @Parameter(description = "Only records of this action, e.g. CREDIT_REPORT_READ or ACCESS_DENIED")
            @QueryParam("action") String action,
            @Parameter(description = "Only records older than this seq (from the previous page's Link header); "
                    + "omit for the newest") @QueryParam("before") String before,
            @Parameter(description = "Records per page, 1 to " + AccessLogQuery.MAX_LIMIT + " (default "
                    + AccessLogQuery.MAX_LIMIT + ")") @QueryParam("limit") String limit) {
        AuditQuery query = AuditQuery.of(smeId, actor, action, before, limit);
        return audit.records(query, tenants.subject()).map(records -> {
            List<AuditRecordView> views = records.stream().map(AuditRecordView::of).toList();
            return Pages.withNextLink(views, query.page().mayHaveMore(views.size()),
                    last -> "/api/v1/audit/records?" + filters(query) + "before=" + last.seq()
                            + "&limit=" + query.page().limit());
        });
    }

    private static String filters(AuditQuery query) {
        StringBuilder link = new StringBuilder();
        for (String[] filter : new String[][]{{"smeId", query.smeId()}, {"actor", query.actor()},
                {"action", query.action()}}) {
            if (filter[1] != null) {
                link.append(filter[0]).append('=')
                        .append(URLEncoder.encode(filter[1], StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return link.toString();
    }

    @GET
    @Path("/me/access-log")
    @RolesAllowed("sme")
    @Operation(summary = "Who accessed my data", description = "Audit records about the caller's SME, newest "
            + "first, one page at a time: bank reads, decisions, consent changes, webhook deliveries about it, and "
            + "refused bank attempts (action ACCESS_DENIED, denied=true). A full page carries a Link header "
            + "(rel=\"next\") to the older records; the last page has none. Requires role 'sme'.")
    @APIResponse(responseCode = "200", description = "Audit records about the SME, newest first.",
            headers = @Header(name = "Link", description = "</api/v1/me/access-log?before={seq}&limit={limit}>; "
                    + "rel=\"next\" — present when the page is full, so older records may follow."),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccessLogEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "before or limit is not valid (each bad one is named).",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.SME_FORBIDDEN,
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<List<AccessLogEntry>>> accessLog(
            @Parameter(description = "Only records older than this seq (from the previous page's Link header); "
                    + "omit for the newest") @QueryParam("before") String before,
            @Parameter(description = "Records per page, 1 to " + AccessLogQuery.MAX_LIMIT + " (default "
                    + AccessLogQuery.MAX_LIMIT + ")") @QueryParam("limit") String limit) {
        AccessLogQuery page = AccessLogQuery.of(before, limit);
        return audit.recordsAbout(tenants.currentSmeId(), page).map(records -> {
            List<AccessLogEntry> entries = records.stream().map(AccessLogEntry::of).toList();
            return Pages.withNextLink(entries, page.mayHaveMore(entries.size()),
                    last -> "/api/v1/me/access-log?before=" + last.seq() + "&limit=" + page.limit());
        });
    }
}
