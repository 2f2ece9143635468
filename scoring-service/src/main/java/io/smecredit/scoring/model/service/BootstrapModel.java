package io.smecredit.scoring.model.service;

import io.quarkus.runtime.StartupEvent;
import io.smecredit.contracts.FeatureNames;
import io.smecredit.scoring.model.domain.TrainingParameters;
import io.smecredit.scoring.model.domain.TrainingSet;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Trains the bootstrap model from simulated data when the service starts, before the Kafka channels start
 * (their lifecycle observes StartupEvent at priority 1000), so the first feature vector already finds a model.
 * Training takes about a second on one thread; startup is the one place where blocking that long is harmless.
 */
@ApplicationScoped
public class BootstrapModel {

    public static final String VERSION_PREFIX = "bootstrap-";
    public static final int SIMULATED_ROWS = 20_000;
    public static final long SIMULATION_SEED = 20_240_601L;
    /** The last fifth of the simulated rows is held out to report an honest AUC. */
    public static final double VALIDATION_SHARE = 0.2;

    private static final Logger LOG = Logger.getLogger(BootstrapModel.class);

    private final CurrentModel currentModel;

    public BootstrapModel(CurrentModel currentModel) {
        this.currentModel = currentModel;
    }

    void trainAtStartup(@Observes @Priority(20) StartupEvent startup) {
        TrainingResult result = train(Clock.systemUTC());
        currentModel.install(result.model());
        LOG.infof("Bootstrap model %s trained on %d simulated rows in %d ms; held-out AUC %.3f",
                result.model().version(), result.model().trainingRows(), result.trainingTime().toMillis(),
                result.model().validationAuc());
    }

    public static TrainingResult train(Clock clock) {
        TrainingSet all = SimulatedPortfolio.generate(SIMULATED_ROWS, SIMULATION_SEED);
        int trainingRows = (int) Math.round(all.rows() * (1 - VALIDATION_SHARE));
        return new ModelTrainer(clock).train(all.slice(0, trainingRows), all.slice(trainingRows, all.rows()),
                TrainingParameters.BOOTSTRAP, FeatureNames.SCHEMA_VERSION, VERSION_PREFIX);
    }
}
