package io.smecredit.scoring.score.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.http.PageSize;
import io.smecredit.scoring.score.service.ScoreHistoryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

@Path("/api/v1/smes/{smeId}/scores")
@Produces(MediaType.APPLICATION_JSON)
public class ScoreHistoryResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    private final ScoreHistoryService history;

    public ScoreHistoryResource(ScoreHistoryService history) {
        this.history = history;
    }

    /** The SME's scores, newest as-of first; an SME never scored has an empty history, not a 404. */
    @GET
    @RolesAllowed("operator")
    public Uni<List<ScoreHistoryEntry>> history(@PathParam("smeId") String smeId, @QueryParam("limit") String limit) {
        int rows = parseLimit(limit);
        return history.newestFirst(smeId, rows).map(list -> list.stream().map(ScoreHistoryEntry::of).toList());
    }

    // Parsed here rather than bound as int: JAX-RS answers a non-numeric int query parameter with 404.
    static int parseLimit(String limit) {
        return PageSize.require(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }
}
