package io.smecredit.ingestion.telemetry.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.ingestion.telemetry.domain.SmeScope;
import io.smecredit.ingestion.telemetry.domain.TelemetryLimits;
import io.smecredit.ingestion.telemetry.service.Sender;
import io.smecredit.ingestion.telemetry.service.TelemetryIngestionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.regex.Pattern;

@Path("/api/v1/telemetry")
@Tag(name = "Telemetry")
@SecurityRequirement(name = "bearer")
public class TelemetryResource {

    /** The claim a gateway client's tokens carry to bind the gateway to its SME. */
    public static final String SME_CLAIM = "sme_id";

    private final TelemetryIngestionService ingestion;
    private final JsonWebToken token;
    private final Pattern demoSmeIds;

    public TelemetryResource(TelemetryIngestionService ingestion, JsonWebToken token,
                             @ConfigProperty(name = "ingestion.gateway.unbound-sme-ids") String demoSmeIds) {
        this.ingestion = ingestion;
        this.token = token;
        this.demoSmeIds = Pattern.compile(demoSmeIds);
    }

    @POST
    @RolesAllowed("gateway")
    @Consumes({MediaType.APPLICATION_JSON, TelemetryIngestionService.NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a batch of machine telemetry events",
            description = """
                    Gateways only (role `gateway`). The body is a JSON array of 1 to 10,000 events \
                    `{eventId, smeId, machineId, timestamp, metrics: {runSeconds, idleSeconds, downSeconds, \
                    unitsProduced, unitsRejected, energyKwh}}`, or the same events as NDJSON \
                    (`Content-Type: application/x-ndjson`, one event per line; a line that is not JSON is rejected on \
                    its own). Either may be gzip-compressed (`Content-Encoding: gzip`). The body may be at most \
                    10 MB, counted after decompression; larger bodies are refused with 413.

                    Each event is validated on its own: eventId, smeId and machineId non-blank strings of at most 128 \
                    characters; timestamp an ISO-8601 instant at most 5 minutes in the future and at most 7 days in \
                    the past (older: `too_late`); metrics finite and non-negative (NaN and Infinity are rejected); \
                    unitsProduced and unitsRejected whole numbers (1500.0 counts as 1500) of at most 10,000,000 \
                    per event, with unitsRejected <= unitsProduced; energyKwh at most 10,000 per event; \
                    runSeconds + idleSeconds + downSeconds <= 3600 (the reporting interval: one event covers at most \
                    one hour of one machine); smeId and machineId registered in the SME registry.

                    A gateway token with an `sme_id` claim may only report for that SME; a gateway token without it \
                    (the demo gateway) only for demo SMEs. Events for other SMEs are rejected (`foreign_sme`).

                    Valid events are accepted even when others in the batch are rejected; every rejected event is \
                    also published, with its reasons, to the dead-letter topic telemetry.deadletter.v1. The answer \
                    202 is sent only after Kafka acknowledged every record (acks=all); if it cannot, the answer is \
                    503 and the batch should be retried: event ids make retries safe (a repeated event id is counted \
                    once in the features, whichever channel or batch it came through).""")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = TelemetryEvent.class, minItems = 1, maxItems = TelemetryLimits.MAX_EVENTS_PER_BATCH)),
            @Content(mediaType = TelemetryIngestionService.NDJSON, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "202", description = "Batch processed; see accepted, duplicates, rejected and errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IngestionReport.class)))
    @APIResponse(responseCode = "400", description = "Body is not JSON, not an array, empty, or not valid gzip",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Token lacks the gateway role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than 10,000 events, or body over 10 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content-Type or Content-Encoding not supported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the registry is unavailable; retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submit(byte[] body,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding) {
        return ingestion.ingestHttp(body, contentType, contentEncoding, sender())
                .map(batch -> Response.accepted(IngestionReport.of(batch)).build());
    }

    @POST
    @Path("/backfill")
    @RolesAllowed("operator")
    @Consumes({MediaType.APPLICATION_JSON, TelemetryIngestionService.NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Backfill historical telemetry (operators only)",
            description = """
                    Operators only (role `operator`): loads history older than the gateways' 7-day late window, e.g. \
                    a factory's past months when it joins, or the simulator's history. Same body, formats, limits, \
                    validation, answer, dead letters and idempotency as `POST /api/v1/telemetry`, except that there \
                    is no late window (timestamps more than 5 minutes in the future are still refused) and no SME \
                    binding (any registered SME). Counted under channel `backfill`. Send each SME's history in \
                    chronological order, and before its live telemetry: the feature engine publishes one vector per \
                    SME and event day as its data moves forward, so the daily snapshots of the backfilled days are \
                    what was known at the end of each day.""")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = TelemetryEvent.class, minItems = 1, maxItems = TelemetryLimits.MAX_EVENTS_PER_BATCH)),
            @Content(mediaType = TelemetryIngestionService.NDJSON, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "202", description = "Batch processed; see accepted, duplicates, rejected and errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IngestionReport.class)))
    @APIResponse(responseCode = "400", description = "Body is not JSON, not an array, empty, or not valid gzip",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Token lacks the operator role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than 10,000 events, or body over 10 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content-Type or Content-Encoding not supported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the registry is unavailable; retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> backfill(byte[] body,
                                  @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                  @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding) {
        return ingestion.ingestHttp(body, contentType, contentEncoding,
                        new Sender(Sender.BACKFILL, clientId(), SmeScope.any()))
                .map(batch -> Response.accepted(IngestionReport.of(batch)).build());
    }

    private String clientId() {
        Object clientId = token.getClaim("azp");
        return clientId == null ? token.getSubject() : clientId.toString();
    }

    private Sender sender() {
        Object claim = token.getClaim(SME_CLAIM);
        String boundSme = claim instanceof jakarta.json.JsonString text ? text.getString()
                : claim == null ? null : claim.toString();
        SmeScope scope = boundSme == null || boundSme.isBlank() ? SmeScope.demoSmes(demoSmeIds) : SmeScope.boundTo(boundSme);
        return new Sender(Sender.HTTP, clientId(), scope);
    }
}
