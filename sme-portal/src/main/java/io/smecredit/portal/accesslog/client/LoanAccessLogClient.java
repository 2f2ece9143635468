package io.smecredit.portal.accesslog.client;

import io.smallrye.mutiny.Uni;
import io.smecredit.portal.web.OwnerAccessToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** Who read the signed-in owner's data: loan-service's audit, filtered by the owner's own token. */
@RegisterRestClient(configKey = "loan-access-log")
@RegisterClientHeaders(OwnerAccessToken.class)
@Path("/api/v1/me/access-log")
@Produces(MediaType.APPLICATION_JSON)
public interface LoanAccessLogClient {

    /** Newest first; {@code before} (a record's seq, or null for the newest) and {@code limit} page backwards. */
    @GET
    Uni<List<LoanAccessRecord>> list(@QueryParam("before") String before, @QueryParam("limit") int limit);
}
