package io.smecredit.scoring.model.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smecredit.contracts.FeatureDefinition;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.model.CreditModelTrainer;
import io.smecredit.model.Dataset;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ProgressListener;
import io.smecredit.model.TrainingOptions;
import io.smecredit.scoring.model.domain.ModelStatus;
import io.smecredit.scoring.model.domain.RegisteredModel;
import io.smecredit.scoring.score.domain.ScoringPolicy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure a champion exists before the Kafka channels start (their lifecycle observes StartupEvent at
 * priority 1000), so the first feature vector already finds a model. Without a registered champion, the bootstrap
 * model is trained from the simulated portfolio, checked for parity and registered as champion. A champion that is
 * itself a bootstrap model of an older feature schema (the dictionary redefined a feature since) is replaced the same
 * way: it would skip every vector. A champion an operator trained or uploaded is never replaced behind their back;
 * it is reported, and a model of the served schema has to be trained and promoted. Training is
 * reproducible (fixed seed and thread count), so concurrent first starts of several instances register the same
 * version; the unique index on the champion status settles which registration wins. Startup is the one place
 * where blocking for a few seconds is harmless.
 */
@ApplicationScoped
public class BootstrapModel {

    public static final int SIMULATED_ROWS = 8_000;
    public static final long SIMULATION_SEED = 20_240_601L;
    public static final long TRAINING_SEED = 42L;
    /** Fixed, not "all cores": the thread count is part of what makes the trained bytes reproducible. */
    public static final int TRAINING_THREADS = 2;
    public static final String SOURCE = "bootstrap";
    public static final String ACTOR = "scoring-service/bootstrap";

    private static final Logger LOG = Logger.getLogger(BootstrapModel.class);

    private final ModelRegistry registry;
    private final ServedModels served;
    private final int servedSchemaVersion;

    public BootstrapModel(ModelRegistry registry, ServedModels served,
                          @ConfigProperty(name = "scoring.features.schema-version") int servedSchemaVersion) {
        this.registry = registry;
        this.served = served;
        this.servedSchemaVersion = servedSchemaVersion;
    }

    void ensureChampion(@Observes @Priority(20) StartupEvent startup) throws Throwable {
        Optional<RegisteredModel> champion =
                VertxContextSupport.subscribeAndAwait(() -> registry.withStatus(ModelStatus.CHAMPION));
        if (champion.isEmpty()) {
            ModelArtifact artifact = trainLogged();
            VertxContextSupport.subscribeAndAwait(() -> registry.registerBootstrapChampion(artifact, SOURCE, ACTOR));
        } else if (champion.get().featureSchemaVersion != servedSchemaVersion) {
            RegisteredModel outdated = champion.get();
            if (SOURCE.equals(outdated.source) && FeatureDictionary.SCHEMA_VERSION == servedSchemaVersion) {
                ModelArtifact artifact = trainLogged();
                VertxContextSupport.subscribeAndAwait(() -> registry.replaceOutdatedChampion(artifact,
                        outdated.version, outdated.featureSchemaVersion, SOURCE, ACTOR));
            } else {
                LOG.warnf("Champion %s (%s) was trained on feature schema %d but the platform publishes schema %d:"
                                + " no feature vector is scored until a model of schema %d is trained and promoted",
                        outdated.version, outdated.source, outdated.featureSchemaVersion, servedSchemaVersion,
                        servedSchemaVersion);
            }
        }
        VertxContextSupport.subscribeAndAwait(served::reload);
    }

    private static ModelArtifact trainLogged() {
        long started = System.nanoTime();
        ModelArtifact artifact = train(ProgressListener.NONE);
        LOG.infof("Bootstrap model %s trained on %d simulated rows in %d ms; held-out AUC %.3f",
                artifact.version(), artifact.trainingRows(), (System.nanoTime() - started) / 1_000_000,
                artifact.metrics().getOrDefault("auc", Double.NaN));
        return artifact;
    }

    /** The bootstrap model: the same bytes and version on every call. */
    public static ModelArtifact train(ProgressListener progress) {
        Dataset portfolio = SimulatedPortfolio.generate(SIMULATED_ROWS,
                simulationSeed(FeatureDictionary.SCHEMA_VERSION));
        // One validation split instead of internal folds and a brisker learning rate: the simulated signal is
        // simple, and every first start of a service waits for this training.
        TrainingOptions options = dictionaryOptions().withThreads(TRAINING_THREADS).withSeed(TRAINING_SEED)
                .withInternalFolds(1).withTreeShape(0.1, 4, 1.0).withMaxRounds(300).withEarlyStoppingRounds(30);
        return withDictionarySchema(new CreditModelTrainer().train(portfolio, options, progress));
    }

    /**
     * One bootstrap portfolio per feature schema. A model's version is a hash of what it computes, and a registry row
     * is frozen with its schema: were the bootstrap model the same for every schema, the one trained after a schema
     * change would carry the outdated champion's version, could not be registered beside it, and nothing would be
     * scored until an operator promoted a model (seen upgrading the demo from schema 4 to 5).
     */
    static long simulationSeed(int featureSchemaVersion) {
        return SIMULATION_SEED + featureSchemaVersion;
    }

    /** Training defaults plus the monotone constraints the feature dictionary implies. */
    public static TrainingOptions dictionaryOptions() {
        Map<String, Integer> constraints = new LinkedHashMap<>();
        for (FeatureDefinition feature : FeatureDictionary.all()) {
            constraints.put(feature.name(), feature.riskierWhen().monotoneSign());
        }
        return TrainingOptions.defaults().withMonotoneConstraints(constraints);
    }

    /**
     * The trainer does not know where features come from; a model on dictionary features is of its schema. The
     * scoring policy (score scale, grade bands) is recorded with the model's parameters, so the artifact holds
     * everything that turns features into what a bank reads.
     */
    public static ModelArtifact withDictionarySchema(ModelArtifact trained) {
        return withDictionarySchema(trained, Map.of());
    }

    /** As {@link #withDictionarySchema(ModelArtifact)}, recording {@code provenance} with the parameters. */
    public static ModelArtifact withDictionarySchema(ModelArtifact trained, Map<String, Object> provenance) {
        Map<String, Object> parameters = new LinkedHashMap<>(trained.parameters());
        parameters.putAll(provenance);
        parameters.put(ScoringPolicy.PARAMETER, ScoringPolicy.current());
        return ModelArtifact.create(trained.boosterJson(), trained.featureNames(), FeatureDictionary.SCHEMA_VERSION,
                trained.calibration(), trained.baseline(), parameters, trained.metrics(),
                trained.dataFingerprint(), trained.trainingRows());
    }
}
