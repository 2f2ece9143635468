package io.smecredit.ingestion.history.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.ingestion.history.service.FeatureHistoryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

@Path("/api/v1/smes/{smeId}/features")
@Tag(name = "Feature history")
@SecurityRequirement(name = "bearer")
public class FeatureHistoryResource {

    private final FeatureHistoryService history;

    public FeatureHistoryResource(FeatureHistoryService history) {
        this.history = history;
    }

    @GET
    @RolesAllowed("operator")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An SME's features, latest or as known at the end of a day",
            description = "Operators and model training. Without asOf: the latest daily snapshot. With "
                    + "asOf=YYYY-MM-DD: the snapshot of that day (UTC) or, if the SME had no telemetry that day, of the "
                    + "latest earlier day - computed only from telemetry with event time up to the end of that day, "
                    + "as it stood when the SME's data moved past it; later data never leaks in. Snapshots carry "
                    + "their feature-schema version.")
    @APIResponse(responseCode = "200", description = "The snapshot")
    @APIResponse(responseCode = "400", description = "asOf is not a date YYYY-MM-DD (application/problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Token lacks the operator role")
    @APIResponse(responseCode = "404", description = "No snapshot for this SME (on or before asOf)")
    public Uni<FeatureSnapshotView> features(@PathParam("smeId") String smeId,
                                             @Parameter(description = "YYYY-MM-DD (UTC day)", example = "2025-01-31")
                                             @QueryParam("asOf") String asOf, @Context UriInfo uri) {
        // The REST layer hands an empty ?asOf= over as no asOf at all: that would answer the latest snapshot to a
        // caller who meant a day.
        LocalDate day = parse(asOf == null && uri.getQueryParameters().containsKey("asOf") ? "" : asOf);
        return history.find(smeId, day).map(snapshot -> new FeatureSnapshotView(snapshot.smeId(), snapshot.day(),
                snapshot.asOf(), snapshot.schemaVersion(), FeatureHistoryService.ordered(snapshot.features())));
    }

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static LocalDate parse(String asOf) {
        if (asOf == null) {
            return null;
        }
        // Four-digit years only: ISO also allows '-4713-01-01', which PostgreSQL's date cannot hold faithfully
        // (such a day answered with today's snapshot, data from after the day asked for).
        if (DAY.matcher(asOf).matches()) {
            try {
                return LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                // not a calendar day (2025-02-30): refused below like any other malformed date
            }
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED,
                "asOf must be a date YYYY-MM-DD, e.g. 2025-01-31; got '" + asOf + "'.",
                List.of(new Problem.FieldError("asOf", "must be a calendar date YYYY-MM-DD, e.g. 2025-01-31")));
    }
}
