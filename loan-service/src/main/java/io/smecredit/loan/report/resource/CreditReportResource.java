package io.smecredit.loan.report.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.report.domain.SmeId;
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
        description = "Access token from the sme-credit realm (client-credentials grant).")
public class CreditReportResource {

    static final String BEARER = "bearer";

    private final CreditReportService reports;

    public CreditReportResource(CreditReportService reports) {
        this.reports = reports;
    }

    @GET
    @RolesAllowed("bank")
    @SecurityRequirement(name = BEARER)
    @Operation(summary = "Latest credit score of an SME",
            description = "The most recent score computed from the SME's machine telemetry. Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "The SME's latest score.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreditReport.class)))
    @APIResponse(responseCode = "400", description = "smeId is malformed.", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer access token.", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks role 'bank'.", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No score has been computed for this SME yet.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CreditReport> creditReport(
            @Parameter(description = "SME id", example = "sme-001",
                    schema = @Schema(pattern = SmeId.PATTERN))
            @PathParam("smeId") @Pattern(regexp = SmeId.PATTERN, message = SmeId.RULE) String smeId) {
        return reports.latestScoreOf(smeId).map(CreditReport::of);
    }
}
