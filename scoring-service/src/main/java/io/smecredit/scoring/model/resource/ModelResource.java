package io.smecredit.scoring.model.resource;

import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.scoring.model.service.CurrentModel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final CurrentModel currentModel;

    public ModelResource(CurrentModel currentModel) {
        this.currentModel = currentModel;
    }

    @GET
    @Path("/current")
    @RolesAllowed("operator")
    public CurrentModelResponse current() {
        return currentModel.get()
                .map(CurrentModelResponse::of)
                .orElseThrow(() -> new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                        "No scoring model is loaded yet; retry once the service reports ready."));
    }
}
