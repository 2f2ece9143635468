package io.smecredit.ingestion.telemetry.resource;

import io.smecredit.ingestion.telemetry.service.TelemetryIngestionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/telemetry")
@Tag(name = "Telemetry")
@SecurityRequirement(name = "bearer")
public class TelemetryResource {

    private final TelemetryIngestionService ingestion;

    public TelemetryResource(TelemetryIngestionService ingestion) {
        this.ingestion = ingestion;
    }

    @POST
    @RolesAllowed("gateway")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a batch of machine telemetry events",
            description = """
                    Gateways only (role `gateway`). The body is a JSON array of 1 to 10,000 events \
                    `{eventId, smeId, machineId, timestamp, metrics: {runSeconds, idleSeconds, downSeconds, \
                    unitsProduced, unitsRejected, energyKwh}}`; the HTTP body may be at most 10 MB \
                    (`quarkus.http.limits.max-body-size`; larger bodies are refused with 413 before they are read).

                    Each event is validated on its own: eventId, smeId and machineId non-blank strings of at most 128 \
                    characters; timestamp an ISO-8601 instant at most 5 minutes in the future; metrics finite and \
                    non-negative (NaN and Infinity are rejected); unitsProduced and unitsRejected whole numbers with \
                    unitsRejected <= unitsProduced; runSeconds + idleSeconds + downSeconds <= 3600 (one event covers \
                    at most one hour); smeId and machineId registered in the SME registry.

                    Valid events are accepted even when others in the batch are rejected. The answer 202 is sent only \
                    after Kafka acknowledged every accepted event (acks=all); if it cannot, the answer is 503 and the \
                    batch should be retried: event ids make retries safe (a repeated event id is counted once in the \
                    features).""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "202", description = "Batch processed; see accepted, rejected and errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IngestionReport.class)))
    @APIResponse(responseCode = "400", description = "Body is not JSON, not an array, or empty (application/problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Token lacks the gateway role")
    @APIResponse(responseCode = "413", description = "More than 10,000 events, or body over 10 MB")
    @APIResponse(responseCode = "503", description = "Kafka or the registry is unavailable; retry")
    public Uni<Response> submit(byte[] body) {
        return ingestion.ingest(body)
                .map(batch -> Response.accepted(IngestionReport.of(batch)).build());
    }
}
