package io.smecredit.scoring.model.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.JsonSyntax;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ModelArtifactJson;
import io.smecredit.model.ServingModel;
import io.smecredit.scoring.model.domain.RegisteredModel;
import io.smecredit.scoring.model.repository.ModelRepository;
import io.smecredit.scoring.score.domain.ScoringPolicy;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Set;

/**
 * Registers a model trained outside the service (the artifact {@code ./platform train --out DIR} writes as
 * {@code model.json}) as a candidate. Only artifacts that could score the platform's feature vectors are accepted:
 * every feature must be a feature of the dictionary schema this service serves. Nothing else is decided here; the
 * artifact waits as a candidate, and promoting it passes the same parity gate as any model.
 */
@ApplicationScoped
public class ModelUploads {

    public static final String SOURCE = "upload";
    /** The artifact format records schema 0 when the trainer did not know where the features came from (a CSV). */
    static final int UNKNOWN_SCHEMA = 0;

    private final ModelRegistry registry;
    private final ModelRepository models;
    private final Vertx vertx;
    private final int servedSchemaVersion;

    public ModelUploads(ModelRegistry registry, ModelRepository models, Vertx vertx,
                        @ConfigProperty(name = "scoring.features.schema-version") int servedSchemaVersion) {
        this.registry = registry;
        this.models = models;
        this.vertx = vertx;
        this.servedSchemaVersion = servedSchemaVersion;
    }

    /** The registered candidate and whether this call created it (false: the same version was registered before). */
    public record Uploaded(RegisteredModel model, boolean created) {
    }

    public Uni<Uploaded> upload(byte[] artifactJson, String actor) {
        if (artifactJson == null || artifactJson.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body must be a model artifact (format "
                    + ModelArtifactJson.FORMAT + "), the model.json that ./platform train --out DIR writes.");
        }
        // Parsing verifies the version against the content and builds the evaluator: CPU work, off the event loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> accept(artifactJson)), false)
                .chain(artifact -> Panache.withSession(() -> models.findById(artifact.version()))
                        .chain(existing -> existing != null
                                ? Uni.createFrom().item(() -> new Uploaded(sameAsRegistered(existing, artifact), false))
                                : registry.registerCandidate(artifact, SOURCE, actor)
                                .map(model -> new Uploaded(model, true))));
    }

    /** A retry of an upload is safe; the same version stating other facts than those registered is a conflict. */
    private RegisteredModel sameAsRegistered(RegisteredModel existing, ModelArtifact artifact) {
        List<String> differing = registry.factsDifferingFrom(existing, artifact);
        if (!differing.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "Model " + existing.version + " is already registered,"
                    + " and this artifact states other " + String.join(", ", differing) + " for it. A registered"
                    + " model's facts never change: upload the artifact as registered (GET /api/v1/models/"
                    + existing.version + "/artifact), or train again for a new version.",
                    differing.stream().map(field -> new Problem.FieldError(field, "differs from the registered model"))
                            .toList());
        }
        return existing;
    }

    /** The artifact as it will be registered, or a problem naming what makes it unusable here. */
    ModelArtifact accept(byte[] artifactJson) {
        ModelArtifact artifact;
        try {
            artifact = ModelArtifactJson.read(artifactJson);
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Not a usable model artifact: "
                    + JsonSyntax.plain(e.getMessage()));
        }
        Set<String> dictionary = Set.copyOf(FeatureDictionary.names());
        List<String> unknown = artifact.featureNames().stream().filter(name -> !dictionary.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Model " + artifact.version() + " uses "
                    + unknown.size() + " feature(s) that are not in the feature dictionary (schema "
                    + FeatureDictionary.SCHEMA_VERSION + ") this service scores: " + unknown
                    + ". Train on columns named after dictionary features (docs/features.md).",
                    unknown.stream().map(name -> new Problem.FieldError("featureNames", "unknown feature '" + name + "'"))
                            .toList());
        }
        if (artifact.featureSchemaVersion() != UNKNOWN_SCHEMA && artifact.featureSchemaVersion() != servedSchemaVersion) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Model " + artifact.version() + " declares feature"
                    + " schema " + artifact.featureSchemaVersion() + " but this service scores schema "
                    + servedSchemaVersion + ".");
        }
        Object policy = artifact.parameters().get(ScoringPolicy.PARAMETER);
        if (policy != null && !ScoringPolicy.matches(policy)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Model " + artifact.version() + " was built for"
                    + " another scoring policy (" + policy + ") than this service applies (" + ScoringPolicy.current()
                    + ").");
        }
        try {
            // Refuse a booster the pure-Java evaluator cannot even load now, not at promotion time.
            ServingModel.of(artifact);
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Model " + artifact.version()
                    + " cannot be served: " + e.getMessage());
        }
        // Same booster, calibration and features, hence the same version: only the schema and policy are stamped.
        return BootstrapModel.withDictionarySchema(artifact);
    }
}
