package io.smecredit.scoring.score.resource;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.scoring.score.service.RequestScoring;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * On-demand scoring of supplied features with the champion. Open to operators and to banks (a bank may score
 * an applicant's features itself); nothing is stored or published, and no SME data is read, so there is no
 * tenancy to check. The single form runs on the event loop (pure-Java scoring takes microseconds); the batch form,
 * up to {@value RequestScoring#MAX_BATCH_ITEMS} items, runs on a worker thread.
 */
@Path("/api/v1/scores")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "bank"})
public class ScoreResource {

    private final RequestScoring scoring;

    public ScoreResource(RequestScoring scoring) {
        this.scoring = scoring;
    }

    @POST
    @NonBlocking
    public ScoreResponse score(ScoreRequest request) {
        if (request == null) {
            throw missingBody("features");
        }
        return ScoreResponse.of(scoring.score(new RequestScoring.Item(request.smeId(), request.features())));
    }

    @POST
    @Path("/batch")
    public BatchScoreResponse scoreBatch(BatchScoreRequest request) {
        if (request == null) {
            throw missingBody("items");
        }
        List<RequestScoring.Item> items = request.items() == null ? null : request.items().stream()
                .map(item -> item == null ? null : new RequestScoring.Item(item.smeId(), item.features()))
                .toList();
        List<ScoreResponse> results = scoring.scoreBatch(items).stream().map(ScoreResponse::of).toList();
        return new BatchScoreResponse(results.get(0).modelVersion(), results.size(), results);
    }

    private static ProblemException missingBody(String field) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "A JSON request body with " + field
                + " is required", List.of(new Problem.FieldError(field, "is required")));
    }
}
