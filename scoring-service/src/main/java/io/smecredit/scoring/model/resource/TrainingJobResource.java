package io.smecredit.scoring.model.resource;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.auth.Actors;
import io.smecredit.common.http.PageSize;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.scoring.model.service.TrainingJobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.UUID;

/** Training from platform history, asynchronously: 202 with the job's Location, then poll it. */
@Path("/api/v1/models/training-jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class TrainingJobResource {

    private final TrainingJobs jobs;
    private final SecurityIdentity identity;

    public TrainingJobResource(TrainingJobs jobs, SecurityIdentity identity) {
        this.jobs = jobs;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "The job is queued; Location is where to follow it.")
    @APIResponse(responseCode = "400", description = "from is not before to, or the body is not as documented.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start(@RequestBody(required = false, description = "Optional: the history window and "
            + "whether to search hyperparameters.") TrainingRequest request, @Context UriInfo uri) {
        return jobs.start(request == null ? null : request.command(), Actors.of(identity))
                .map(job -> Response.accepted(TrainingJobView.of(job))
                        // Relative: built from the request's Host header, it named whatever host the caller sent.
                        .header(HttpHeaders.LOCATION, uri.getAbsolutePath().getRawPath() + "/" + job.id)
                        .build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "Training jobs, newest first (limit 1-100, default 20).")
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 100.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<TrainingJobView>> list(@QueryParam("limit") String limit) {
        return jobs.newest(PageSize.require(limit, 20, 100))
                .map(found -> found.stream().map(TrainingJobView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<TrainingJobView> status(@PathParam("id") String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No training job " + id + ".");
        }
        return jobs.find(jobId).map(TrainingJobView::of);
    }
}
