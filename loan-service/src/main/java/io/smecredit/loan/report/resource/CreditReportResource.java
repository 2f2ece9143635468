package io.smecredit.loan.report.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.common.ApiDocs;
import io.smecredit.loan.common.Tenants;
import io.smecredit.contracts.SmeId;
import io.smecredit.loan.report.service.CreditReportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/smes/{smeId}/credit-report")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credit reports")
@SecurityScheme(securitySchemeName = CreditReportResource.BEARER, type = SecuritySchemeType.HTTP,
        scheme = "bearer", bearerFormat = "JWT",
        description = "Access token from the sme-credit realm: client-credentials grant for banks and operators, "
                + "authorization code (or, in the demo realm only, password grant via sme-test) for SME users.")
public class CreditReportResource {

    static final String BEARER = ApiDocs.BEARER;

    private final CreditReportService reports;
    private final Tenants tenants;

    public CreditReportResource(CreditReportService reports, Tenants tenants) {
        this.reports = reports;
        this.tenants = tenants;
    }

    @GET
    @RolesAllowed("bank")
    @SecurityRequirement(name = BEARER)
    @Operation(summary = "Latest credit score of an SME",
            description = "The most recent score computed from the SME's machine telemetry, its principal reasons and "
                    + "monthly trend. Requires role 'bank' and a valid consent of the SME with scope 'credit-report'; "
                    + "featuresSummary is included only when the consent also has scope 'features-summary'. "
                    + "Every read is written to the audit log the SME can see.")
    @APIResponse(responseCode = "200", description = "The SME's latest score.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreditReport.class)))
    @APIResponse(responseCode = "400", description = "smeId is malformed.", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer access token.", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.BANK_FORBIDDEN, content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.RATE_LIMITED, content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Consent is valid but no score has been computed for this SME "
            + "yet.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CreditReport> creditReport(
            @Parameter(description = "SME id", example = "sme-001",
                    schema = @Schema(pattern = SmeId.PATTERN))
            @PathParam("smeId") @Pattern(regexp = SmeId.PATTERN, message = SmeId.RULE) String smeId) {
        return reports.reportFor(tenants.currentBank(), smeId).map(CreditReport::of);
    }
}
