package io.smecredit.scoring.model.service;

import io.smecredit.contracts.FeatureNames;
import io.smecredit.scoring.model.domain.ScoringModel;
import io.smecredit.scoring.model.domain.TrainingSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelTrainerTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static TrainingResult first;

    @BeforeAll
    static void trainOnce() {
        first = BootstrapModel.train(FIXED);
        System.out.printf("bootstrap model %s: %d training rows, %d ms, held-out AUC %.4f%n",
                first.model().version(), first.model().trainingRows(), first.trainingTime().toMillis(),
                first.model().validationAuc());
    }

    @Test
    void simulatedPortfolioHasARealisticDefaultRate() {
        TrainingSet all = SimulatedPortfolio.generate(BootstrapModel.SIMULATED_ROWS, BootstrapModel.SIMULATION_SEED);
        assertThat(all.defaultRate()).isBetween(0.05, 0.08);
    }

    @Test
    void trainingTwiceGivesTheSameBytesAndVersion() {
        TrainingResult second = BootstrapModel.train(Clock.systemUTC());
        assertThat(second.modelBytes()).isEqualTo(first.modelBytes());
        assertThat(second.model().version()).isEqualTo(first.model().version());
    }

    @Test
    void versionIsTheShortHashOfTheSavedModelBytes() {
        assertThat(first.model().version())
                .matches("bootstrap-[0-9a-f]{12}")
                .isEqualTo("bootstrap-" + ModelTrainer.shortHash(first.modelBytes()));
    }

    @Test
    void modelDescribesWhatItWasTrainedOn() {
        ScoringModel model = first.model();
        assertThat(model.featureNames()).isEqualTo(FeatureNames.ALL);
        assertThat(model.schemaVersion()).isEqualTo(FeatureNames.SCHEMA_VERSION);
        assertThat(model.trainingRows()).isEqualTo(16_000);
        assertThat(model.trainedAt()).isEqualTo(FIXED.instant());
    }

    @Test
    void modelSeparatesDefaultersOnHeldOutRows() {
        assertThat(first.model().validationAuc()).isGreaterThan(0.75);
    }

    @Test
    void healthierSmeGetsALowerPdThanASickOne() {
        double healthy = first.model().predictPd(Map.of(
                FeatureNames.UTILISATION, 0.85, FeatureNames.AVAILABILITY, 0.98, FeatureNames.QUALITY_RATE, 0.995,
                FeatureNames.ENERGY_KWH_PER_GOOD_UNIT, 0.8, FeatureNames.ACTIVE_MACHINES, 4.0));
        double sick = first.model().predictPd(Map.of(
                FeatureNames.UTILISATION, 0.25, FeatureNames.AVAILABILITY, 0.78, FeatureNames.QUALITY_RATE, 0.90,
                FeatureNames.ENERGY_KWH_PER_GOOD_UNIT, 2.5, FeatureNames.ACTIVE_MACHINES, 1.0));
        assertThat(healthy).isBetween(0.0, 1.0);
        assertThat(sick).isBetween(0.0, 1.0);
        assertThat(healthy).isLessThan(sick / 5);
    }

    @Test
    void missingFeaturesAreScoredAsMissingRatherThanZero() {
        Map<String, Double> withoutEnergy = new HashMap<>(Map.of(
                FeatureNames.UTILISATION, 0.6, FeatureNames.AVAILABILITY, 0.9, FeatureNames.QUALITY_RATE, 0.95,
                FeatureNames.ACTIVE_MACHINES, 3.0));
        float[] row = first.model().toRow(withoutEnergy);
        assertThat(row[FeatureNames.ALL.indexOf(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT)]).isNaN();

        Map<String, Double> zeroEnergy = new HashMap<>(withoutEnergy);
        zeroEnergy.put(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT, 0.0);
        double missingPd = first.model().predictPd(withoutEnergy);
        assertThat(missingPd).isBetween(0.0, 1.0);
        withoutEnergy.put(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT, null);
        assertThat(first.model().predictPd(withoutEnergy)).isEqualTo(missingPd);
    }
}
