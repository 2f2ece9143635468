package io.smecredit.scoring.model.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ModelArtifactJson;
import io.smecredit.model.ParityCheck;
import io.smecredit.model.ParityReport;
import io.smecredit.scoring.model.domain.ModelStatus;
import io.smecredit.scoring.model.domain.ModelStatusChange;
import io.smecredit.scoring.model.domain.RegisteredModel;
import io.smecredit.scoring.model.repository.ModelRepository;
import io.smecredit.scoring.model.repository.ModelStatusChangeRepository;
import io.smecredit.scoring.score.domain.ScoringPolicy;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The model lifecycle: registering candidates, promoting to champion or challenger behind the parity gate, and
 * rolling back. Every status change is recorded with who made it. After a change this instance swaps what it
 * serves at once; other instances follow within one registry poll ({@link ServedModels}).
 */
@ApplicationScoped
public class ModelRegistry {

    /** Seed of the golden rows; fixed so a parity verdict can be reproduced. */
    public static final long GOLDEN_SET_SEED = 20_260_101L;

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final ModelRepository models;
    private final ModelStatusChangeRepository changes;
    private final ServedModels served;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final int servedSchemaVersion;
    private final Clock clock = Clock.systemUTC();

    public ModelRegistry(ModelRepository models, ModelStatusChangeRepository changes, ServedModels served, Vertx vertx,
                         ObjectMapper json,
                         @ConfigProperty(name = "scoring.features.schema-version") int servedSchemaVersion) {
        this.models = models;
        this.changes = changes;
        this.served = served;
        this.vertx = vertx;
        this.json = json;
        this.servedSchemaVersion = servedSchemaVersion;
    }

    public Uni<List<RegisteredModel>> list() {
        return Panache.withSession(models::newestFirst);
    }

    public Uni<Optional<RegisteredModel>> withStatus(ModelStatus status) {
        return Panache.withSession(() -> models.withStatus(status));
    }

    public Uni<RegisteredModel> require(String version) {
        return Panache.withSession(() -> models.findById(version))
                .onItem().ifNull().failWith(() -> notFound(version));
    }

    public Uni<List<ModelStatusChange>> history(String version) {
        return Panache.withSession(() -> changes.ofModel(version));
    }

    public Uni<String> artifactJson(String version) {
        return Panache.withSession(() -> models.artifactJson(version))
                .map(found -> found.orElseThrow(() -> notFound(version)));
    }

    /** Registers a trained model as candidate; registering the same version again changes nothing. */
    public Uni<RegisteredModel> registerCandidate(ModelArtifact artifact, String source, String actor) {
        RegisteredModel row = toRow(artifact, source, actor);
        String artifactJson = new String(ModelArtifactJson.write(artifact), StandardCharsets.UTF_8);
        return Panache.withTransaction(() -> models.insertIfAbsent(row, artifactJson)
                .call(inserted -> inserted
                        ? changes.persist(ModelStatusChange.of(row.version, null, ModelStatus.CANDIDATE, actor,
                        row.createdAt, "registered (" + source + ")", null))
                        : Uni.createFrom().voidItem())
                .chain(ignored -> models.findById(row.version)));
    }

    /**
     * Registers the bootstrap model and makes it champion unless a champion exists by then. The parity gate
     * applies as to any promotion. Losing a race against another instance's bootstrap is fine: it means a
     * champion exists.
     */
    public Uni<Void> registerBootstrapChampion(ModelArtifact artifact, String source, String actor) {
        return registerParityCheckedBootstrap(artifact, source, actor)
                .chain(checked -> Panache.withTransaction(() -> models.withStatus(ModelStatus.CHAMPION)
                        .chain(champion -> champion.isPresent()
                                ? Uni.createFrom().voidItem()
                                : move(checked.model().version, checked.model().modelStatus(), ModelStatus.CHAMPION,
                                actor, "bootstrap: no champion existed; " + checked.parity().summary(), null,
                                clock.instant())
                                .replaceWithVoid())))
                .onFailure(UniqueViolation::in).recoverWithItem(failure -> {
                    LOG.infof("Another instance registered a champion first; %s stays a candidate", artifact.version());
                    return null;
                });
    }

    /** A bootstrap candidate and the parity verdict it passed, for its status history. */
    private record CheckedBootstrap(RegisteredModel model, ParityReport parity) {
    }

    /** The bootstrap model as a candidate, once it passed the parity gate that applies to any promotion. */
    private Uni<CheckedBootstrap> registerParityCheckedBootstrap(ModelArtifact artifact, String source,
                                                                 String actor) {
        return parity(artifact)
                .invoke(report -> {
                    if (!report.passed()) {
                        throw new IllegalStateException("Bootstrap model refused: " + report.summary());
                    }
                })
                .chain(report -> registerCandidate(artifact, source, actor)
                        .map(model -> new CheckedBootstrap(model, report)));
    }

    /**
     * Makes the bootstrap model champion in place of {@code outdatedVersion}, a champion of another feature schema
     * than the one served, which skips every vector (schema_version_mismatch). Nothing happens if the champion is no
     * longer {@code outdatedVersion} by then: another instance did it first, or an operator promoted a model.
     */
    public Uni<Void> replaceOutdatedChampion(ModelArtifact artifact, String outdatedVersion, int outdatedSchema,
                                            String source, String actor) {
        if (artifact.featureSchemaVersion() != servedSchemaVersion || artifact.version().equals(outdatedVersion)) {
            // The same version would be the same registry row, still stamped with the old schema: the bootstrap
            // data did not change with the schema, so only an operator can tell whether the model still fits.
            LOG.warnf("Bootstrap model %s (schema %d) cannot replace champion %s (schema %d) of the served schema %d",
                    artifact.version(), artifact.featureSchemaVersion(), outdatedVersion, outdatedSchema,
                    servedSchemaVersion);
            return Uni.createFrom().voidItem();
        }
        return registerParityCheckedBootstrap(artifact, source, actor)
                .chain(checked -> Panache.withTransaction(() -> models.withStatus(ModelStatus.CHAMPION)
                        .chain(champion -> champion.isPresent() && champion.get().version.equals(outdatedVersion)
                                ? takeOver(checked.model().version, ModelStatus.CHAMPION, actor, "bootstrap: champion "
                                + outdatedVersion + " was trained on feature schema " + outdatedSchema
                                + ", the platform publishes schema " + servedSchemaVersion + "; "
                                + checked.parity().summary(), null).replaceWithVoid()
                                : Uni.createFrom().voidItem())))
                .onFailure(failure -> UniqueViolation.in(failure) || failure instanceof ProblemException)
                .recoverWithItem(failure -> {
                    LOG.infof("The champion changed while %s replaced %s; left as it is", artifact.version(),
                            outdatedVersion);
                    return null;
                });
    }

    /**
     * Promotes the model to champion or challenger, unless it fails the parity check between the pure-Java
     * evaluator and xgboost4j on a golden set (422 naming the largest difference). The model holding that status
     * until now is retired.
     */
    public Uni<PromotionOutcome> promote(String version, ModelStatus target, String actor, String reason) {
        return require(version)
                .invoke(model -> checkPromotable(model, target))
                .chain(model -> loadArtifact(version)
                        .invoke(ModelRegistry::checkScoringPolicy)
                        .chain(this::parity)
                        .invoke(report -> {
                            if (!report.passed()) {
                                throw new ProblemException(ProblemType.UNPROCESSABLE, "Model " + version
                                        + " is not promoted: its pure-Java evaluator disagrees with xgboost4j, max |Δp| = "
                                        + ParityReport.readable(report.maxAbsDiff()) + " > tolerance "
                                        + ParityReport.readable(report.tolerance()) + " over "
                                        + report.rows() + " golden rows (worst row " + report.worstRow() + ")");
                            }
                        })
                        .chain(report -> Panache.withTransaction(() -> takeOver(version, target, actor,
                                        "promoted as " + target.dbValue() + "; " + report.summary(), reason))
                                .map(displaced -> new PromotionOutcome(null, report, displaced))))
                .onFailure(UniqueViolation::in).transform(failure -> new ProblemException(ProblemType.CONFLICT,
                        "Another status change of the registry happened at the same time; retry."))
                .call(served::reload)
                .chain(outcome -> require(version)
                        .map(model -> new PromotionOutcome(model, outcome.parity(), outcome.displacedVersion())));
    }

    /** Makes the previous champion champion again and retires the current one; 409 when there is none to return to. */
    public Uni<PromotionOutcome> rollback(String actor, String reason) {
        return Panache.withTransaction(() -> models.withStatus(ModelStatus.CHAMPION)
                        .map(champion -> champion.orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                                "There is no champion to roll back from.")))
                        .chain(current -> models.previousChampion(current.version)
                                .map(previous -> previous.orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                                        "Champion " + current.version + " has no previous champion to roll back to.")))
                                .chain(previous -> takeOver(previous, ModelStatus.CHAMPION, actor,
                                        "rollback from " + current.version, reason)
                                        .map(displaced -> new String[]{previous, displaced}))))
                .onFailure(UniqueViolation::in).transform(failure -> new ProblemException(ProblemType.CONFLICT,
                        "Another status change of the registry happened at the same time; retry."))
                .call(served::reload)
                .chain(versions -> require(versions[0])
                        .map(model -> new PromotionOutcome(model, null, versions[1])));
    }

    /**
     * Retires a candidate or the challenger (which stops its shadow scoring). The champion cannot be retired
     * directly: promote another model or roll back, so that something always serves.
     */
    public Uni<RegisteredModel> retire(String version, String actor, String reason) {
        return Panache.withTransaction(() -> models.findById(version)
                        .onItem().ifNull().failWith(() -> notFound(version))
                        .chain(model -> {
                            if (model.modelStatus() == ModelStatus.CHAMPION) {
                                throw new ProblemException(ProblemType.CONFLICT, "Model " + version + " is the champion;"
                                        + " promote another model as champion or roll back instead of retiring it.");
                            }
                            if (model.modelStatus() == ModelStatus.RETIRED) {
                                return Uni.createFrom().voidItem();
                            }
                            return move(version, model.modelStatus(), ModelStatus.RETIRED, actor, "retired by operator",
                                    reason, clock.instant());
                        }))
                .call(served::reload)
                .chain(() -> require(version));
    }

    /** The parity verdict for this artifact on its golden set; runs xgboost4j, so on a worker thread. */
    public Uni<ParityReport> parity(ModelArtifact artifact) {
        return vertx.executeBlocking(Uni.createFrom().item(() ->
                        ParityCheck.check(artifact, ParityCheck.goldenSet(artifact, GOLDEN_SET_SEED))), false)
                // A booster that one of the evaluators cannot even load has no parity either.
                .onFailure(e -> e instanceof IllegalStateException || e instanceof IllegalArgumentException)
                .transform(e -> new ProblemException(ProblemType.UNPROCESSABLE, "Model " + artifact.version()
                        + " is not promoted: the parity check between the pure-Java evaluator and xgboost4j could"
                        + " not run: " + e.getMessage()));
    }

    public Uni<ModelArtifact> loadArtifact(String version) {
        return artifactJson(version).chain(text -> vertx.executeBlocking(Uni.createFrom().item(() ->
                ModelArtifactJson.read(text.getBytes(StandardCharsets.UTF_8))), false));
    }

    private void checkPromotable(RegisteredModel model, ModelStatus target) {
        if (model.modelStatus() == target) {
            throw new ProblemException(ProblemType.CONFLICT, "Model " + model.version + " already is the "
                    + target.dbValue() + ".");
        }
        if (target == ModelStatus.CHALLENGER && model.modelStatus() == ModelStatus.CHAMPION) {
            throw new ProblemException(ProblemType.CONFLICT, "Model " + model.version
                    + " is the champion; promote another model as champion before making it a challenger.");
        }
        if (model.featureSchemaVersion != servedSchemaVersion) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Model " + model.version + " was trained on feature"
                    + " schema " + model.featureSchemaVersion + " but the platform publishes schema "
                    + servedSchemaVersion + "; it could not score a single feature vector.");
        }
    }

    /** A model recorded with another score scale or grade bands would give banks numbers it was not approved with. */
    private static void checkScoringPolicy(ModelArtifact artifact) {
        Object recorded = artifact.parameters().get(ScoringPolicy.PARAMETER);
        if (recorded != null && !ScoringPolicy.matches(recorded)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Model " + artifact.version() + " was built for"
                    + " another scoring policy (" + recorded + ") than this service applies (" + ScoringPolicy.current()
                    + ").");
        }
    }

    /**
     * Within a transaction: retires the current holder of {@code target}, then moves the model there, both at the same
     * instant (one change; the history must not show a moment with neither in place).
     */
    private Uni<String> takeOver(String version, ModelStatus target, String actor, String note, String reason) {
        var at = clock.instant();
        return models.withStatus(target).chain(holder -> {
            Uni<Void> retire = holder.isEmpty() ? Uni.createFrom().voidItem()
                    : move(holder.get().version, target, ModelStatus.RETIRED, actor,
                    "replaced by " + version + " as " + target.dbValue(), reason, at);
            return retire
                    .chain(() -> models.findById(version))
                    .chain(model -> move(version, model.modelStatus(), target, actor, note, reason, at))
                    .map(ignored -> holder.map(h -> h.version).orElse(null));
        });
    }

    private Uni<Void> move(String version, ModelStatus from, ModelStatus to, String actor, String note,
                           String reason, Instant at) {
        return models.changeStatus(version, from, to, at)
                .invoke(changed -> {
                    if (!changed) {
                        throw new ProblemException(ProblemType.CONFLICT, "Model " + version + " changed status "
                                + "while being moved to " + to.dbValue() + "; retry.");
                    }
                })
                .chain(() -> changes.persist(ModelStatusChange.of(version, from, to, actor, at, note, reason)))
                .invoke(() -> LOG.infof("Model %s: %s -> %s by %s (%s)", version, from.dbValue(), to.dbValue(),
                        actor, note))
                .replaceWithVoid();
    }

    /**
     * The registered facts of {@code existing} that {@code artifact}, of the same version, states otherwise. A version
     * names the booster, calibration and features; metrics, fingerprint and the like are the trainer's statements
     * about it, and a registered model's statements never change (V8), so a second upload must not differ.
     */
    public List<String> factsDifferingFrom(RegisteredModel existing, ModelArtifact artifact) {
        RegisteredModel offered = toRow(artifact, existing.source, existing.createdBy);
        List<String> differing = new java.util.ArrayList<>();
        if (!offered.dataFingerprint.equals(existing.dataFingerprint)) {
            differing.add("dataFingerprint");
        }
        if (!sameJson(offered.parameters, existing.parameters)) {
            differing.add("parameters");
        }
        if (!sameJson(offered.featureNames, existing.featureNames)) {
            differing.add("featureNames");
        }
        if (offered.featureSchemaVersion != existing.featureSchemaVersion) {
            differing.add("featureSchemaVersion");
        }
        if (!sameJson(offered.metrics, existing.metrics)) {
            differing.add("metrics");
        }
        if (offered.trainingRows != existing.trainingRows) {
            differing.add("trainingRows");
        }
        return differing;
    }

    private boolean sameJson(String a, String b) {
        try {
            return json.readTree(a).equals(json.readTree(b));
        } catch (JsonProcessingException e) {
            return a.equals(b);
        }
    }

    private RegisteredModel toRow(ModelArtifact artifact, String source, String actor) {
        RegisteredModel row = new RegisteredModel();
        row.version = artifact.version();
        row.status = ModelStatus.CANDIDATE.dbValue();
        row.dataFingerprint = artifact.dataFingerprint() == null ? "unknown" : artifact.dataFingerprint();
        row.parameters = write(artifact.parameters());
        row.featureNames = write(artifact.featureNames());
        row.featureSchemaVersion = artifact.featureSchemaVersion();
        row.metrics = write(artifact.metrics());
        row.trainingRows = artifact.trainingRows();
        row.source = source;
        row.createdBy = actor;
        row.createdAt = clock.instant();
        row.statusChangedAt = row.createdAt;
        return row;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write model metadata as JSON", e);
        }
    }

    private static ProblemException notFound(String version) {
        return new ProblemException(ProblemType.NOT_FOUND, "No model with version '" + version + "' is registered.");
    }
}
