package io.smecredit.loan.ops;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * A JSON endpoint that does no work: the baseline the credit-report benchmark compares against (same server, same
 * JSON stack, no token, no database).
 */
@Path("/api/v1/ping")
@Tag(name = "Operations")
public class BareResource {

    private static final Map<String, String> PONG = Map.of("status", "ok");

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bare JSON endpoint", description = "No authentication, no database: a baseline for "
            + "benchmarks and load balancers.")
    public Uni<Map<String, String>> ping() {
        return Uni.createFrom().item(PONG);
    }
}
