package io.smecredit.scoring.model.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.auth.Actors;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.model.ModelArtifact;
import io.smecredit.scoring.model.domain.LoadedModel;
import io.smecredit.scoring.model.domain.ModelStatus;
import io.smecredit.scoring.model.domain.StatusChangeReason;
import io.smecredit.scoring.model.service.ModelRegistry;
import io.smecredit.scoring.model.service.ModelUploads;
import io.smecredit.scoring.model.service.PromotionOutcome;
import io.smecredit.scoring.model.service.ServedModels;
import io.smecredit.scoring.score.repository.ShadowScoreRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.util.List;

/** The model registry for operators: list, inspect, promote behind the parity gate, roll back. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class ModelResource {

    private final ModelRegistry registry;
    private final ModelUploads uploads;
    private final ServedModels served;
    private final ShadowScoreRepository shadows;
    private final ModelViews views;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public ModelResource(ModelRegistry registry, ModelUploads uploads, ServedModels served,
                         ShadowScoreRepository shadows, ModelViews views, SecurityIdentity identity,
                         ObjectMapper json) {
        this.registry = registry;
        this.uploads = uploads;
        this.served = served;
        this.shadows = shadows;
        this.views = views;
        this.identity = identity;
        this.json = json;
    }

    /** Every registered model, newest first; artifacts are not included (see {@code /{version}/artifact}). */
    @GET
    @APIResponse(responseCode = "200", description = "Every registered model, newest first.")
    public Uni<List<ModelViews.ModelSummary>> list() {
        return registry.list().map(models -> models.stream().map(views::summary).toList());
    }

    /**
     * Registers a model trained elsewhere (the {@code model.json} of {@code ./platform train --out DIR}) as a
     * candidate: 201 with its Location, or 200 when the same version is already registered (a safe retry).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Registered as a candidate; Location names it.")
    @APIResponse(responseCode = "200", description = "This version was already registered (a safe retry).")
    @APIResponse(responseCode = "400", description = "Not JSON, another format, a missing field, or a version that "
            + "does not match the content.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than SCORING_MAX_MODEL_UPLOAD_BYTES.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not sent as application/json.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A model this platform cannot serve (e.g. an unknown feature "
            + "or another schema version).", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> upload(byte[] artifactJson, @Context UriInfo uri) {
        return uploads.upload(artifactJson, Actors.of(identity))
                .map(uploaded -> (uploaded.created()
                        ? Response.status(Response.Status.CREATED)
                        : Response.ok())
                        // Relative: built from the request's Host header, it named whatever host the caller sent.
                        .header(HttpHeaders.LOCATION, UriBuilder.fromPath(uri.getAbsolutePath().getRawPath())
                                .path(uploaded.model().version).build().toString())
                        .entity(views.summary(uploaded.model())).build());
    }

    @GET
    @Path("/current")
    @APIResponse(responseCode = "200", description = "The champion being served, and the challenger if any.")
    @APIResponse(responseCode = "503", description = "No model is loaded yet.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CurrentModelResponse current() {
        ServedModels.Served now = served.current();
        LoadedModel champion = now.championIfLoaded().orElseThrow(() -> new ProblemException(
                ProblemType.DEPENDENCY_UNAVAILABLE, "No scoring model is loaded yet; retry once the service reports ready."));
        ModelArtifact artifact = champion.artifact();
        return new CurrentModelResponse(champion.version(), artifact.featureSchemaVersion(), artifact.featureNames(),
                artifact.trainingRows(), artifact.metrics(),
                now.challengerIfAny().map(LoadedModel::version).orElse(null));
    }

    @GET
    @Path("/{version}")
    @APIResponse(responseCode = "404", description = "No model with this version.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ModelViews.ModelDetails> inspect(@PathParam("version") String version) {
        return registry.require(version)
                .chain(model -> registry.history(version).map(history -> views.details(model, history)));
    }

    /** The complete versioned model (booster JSON, calibration, baseline bins) as registered, for audit. */
    @GET
    @Path("/{version}/artifact")
    @APIResponse(responseCode = "404", description = "No model with this version.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> artifact(@PathParam("version") String version) {
        return registry.artifactJson(version);
    }

    /** How the model's shadow scores compare with the champions it shadowed. */
    @GET
    @Path("/{version}/shadow-comparison")
    @APIResponse(responseCode = "404", description = "No model with this version.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ShadowScoreRepository.Comparison> shadowComparison(@PathParam("version") String version) {
        return registry.require(version).chain(model -> Panache.withSession(() -> shadows.compare(version)));
    }

    @POST
    @Path("/{version}/promote")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Promoted; for a champion, the parity check's result and the "
            + "champion it displaced.")
    @APIResponse(responseCode = "400", description = "as is not \"champion\" or \"challenger\", or the reason is "
            + "not one line of at most " + StatusChangeReason.MAX_LENGTH + " characters.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No model with this version.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The model's status does not allow it (e.g. retired, or "
            + "already in that role).", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Refused: the evaluator disagrees with xgboost4j on the golden "
            + "set beyond 1e-6, or the model cannot be served here.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PromotionResponse> promote(@PathParam("version") String version, PromotionRequest request) {
        ModelStatus target = ModelStatus.promotionTarget(request == null ? null : request.as())
                .orElseThrow(() -> new ProblemException(ProblemType.VALIDATION_FAILED,
                        "as must be \"champion\" or \"challenger\"",
                        List.of(new Problem.FieldError("as", "must be \"champion\" or \"challenger\""))));
        String reason = StatusChangeReason.parse(request.reason());
        return registry.promote(version, target, Actors.of(identity), reason).map(ModelResource::response);
    }

    /** Retires a candidate or the challenger (ending its shadow scoring); the champion is refused with 409. */
    @POST
    @Path("/{version}/retire")
    @APIResponse(responseCode = "200", description = "Retired.")
    @APIResponse(responseCode = "415", description = "A body not sent as application/json.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "The reason is not one line of at most "
            + StatusChangeReason.MAX_LENGTH + " characters.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No model with this version.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The champion cannot be retired; promote another first.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ModelViews.ModelSummary> retire(@PathParam("version") String version,
                                               @RequestBody(required = false, content = @Content(
                                                       mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                                                       implementation = StatusChangeRequest.class))) byte[] body,
                                               @Context HttpHeaders headers) throws IOException {
        return registry.retire(version, Actors.of(identity), optionalReason(body, headers)).map(views::summary);
    }

    @POST
    @Path("/rollback")
    @APIResponse(responseCode = "200", description = "The previous champion serves again.")
    @APIResponse(responseCode = "415", description = "A body not sent as application/json.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "The reason is not one line of at most "
            + StatusChangeReason.MAX_LENGTH + " characters.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "There is no previous champion to return to.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PromotionResponse> rollback(@RequestBody(required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusChangeRequest.class)))
                                           byte[] body, @Context HttpHeaders headers) throws IOException {
        return registry.rollback(Actors.of(identity), optionalReason(body, headers)).map(ModelResource::response);
    }

    /**
     * Rollback and retirement were posted without a body before reasons existed, and still may be; a body, when
     * there is one, is JSON like any other.
     */
    private String optionalReason(byte[] body, HttpHeaders headers) throws IOException {
        if (body == null || body.length == 0) {
            return null;
        }
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new NotSupportedException();
        }
        return StatusChangeRequest.reasonOf(json.readValue(body, StatusChangeRequest.class));
    }

    private static PromotionResponse response(PromotionOutcome outcome) {
        var parity = outcome.parity();
        return new PromotionResponse(outcome.model().version, outcome.model().status,
                parity == null ? null : new PromotionResponse.Parity(parity.passed(), parity.rows(),
                        parity.maxAbsDiff(), parity.tolerance()),
                outcome.displacedVersion());
    }
}
