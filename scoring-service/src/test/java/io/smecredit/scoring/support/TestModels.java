package io.smecredit.scoring.support;

import io.quarkus.vertx.VertxContextSupport;
import io.smecredit.model.CreditModelTrainer;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ProgressListener;
import io.smecredit.scoring.model.service.BootstrapModel;
import io.smecredit.scoring.model.service.ModelRegistry;
import io.smecredit.scoring.model.service.SimulatedPortfolio;
import io.quarkus.arc.Arc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Small models of the dictionary's schema, different from the bootstrap model, trained once per seed per test JVM. */
public final class TestModels {

    private static final Map<Long, ModelArtifact> BY_SEED = new ConcurrentHashMap<>();

    private TestModels() {
    }

    public static ModelArtifact trained(long seed) {
        return BY_SEED.computeIfAbsent(seed, s -> BootstrapModel.withDictionarySchema(new CreditModelTrainer().train(
                SimulatedPortfolio.generate(3_000, s),
                BootstrapModel.dictionaryOptions().withThreads(1).withSeed(s).withInternalFolds(1)
                        .withTreeShape(0.2, 3, 1.0).withMaxRounds(40).withEarlyStoppingRounds(10),
                ProgressListener.NONE)));
    }

    /** Registers the model as a candidate the way a training job would (idempotent: same version, same model). */
    public static String register(ModelArtifact artifact) {
        ModelRegistry registry = Arc.container().instance(ModelRegistry.class).get();
        try {
            return VertxContextSupport.subscribeAndAwait(() ->
                    registry.registerCandidate(artifact, "test", "scoring-service-tests")).version;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
