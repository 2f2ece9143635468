package io.smecredit.ingestion.telemetry.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.ingestion.telemetry.mqtt.MqttSessionRetirement;
import io.smecredit.ingestion.telemetry.mqtt.MqttTelemetryConsumer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/mqtt/sessions")
@Tag(name = "Telemetry")
@SecurityRequirement(name = "bearer")
public class MqttSessionResource {

    private final MqttTelemetryConsumer mqtt;

    public MqttSessionResource(MqttTelemetryConsumer mqtt) {
        this.mqtt = mqtt;
    }

    @DELETE
    @Path("/{clientId}")
    @RolesAllowed("operator")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retire the MQTT session of an ingestion instance that is gone (operators only)",
            description = """
                    After an ingestion instance is removed for good (a StatefulSet scaled down), the broker keeps its \
                    persistent session and keeps routing it a share of new messages. This connects as that client id, \
                    stores every message the session holds exactly like the MQTT intake does, unsubscribes once \
                    nothing arrived for 2 s, and deletes the session. Answers when done (200), also when there was no \
                    session. Never for a live instance's id: the broker gives an id to one connection at a time (409, \
                    nothing lost).""")
    @APIResponse(responseCode = "200", description = "Retired: whether a session was found, how many messages were stored")
    @APIResponse(responseCode = "400", description = "Invalid client id (application/problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Token lacks the operator role")
    @APIResponse(responseCode = "409", description = "This instance's own id, or the session could not be drained "
            + "(connection taken over, messages not storable); what it holds stays at the broker")
    public Uni<MqttSessionRetirement.Outcome> retire(
            @PathParam("clientId") @Pattern(regexp = "[A-Za-z0-9._-]{1,128}",
                    message = "must be 1 to 128 letters, digits, '.', '_' or '-'") String clientId) {
        return mqtt.retireSession(clientId);
    }
}
