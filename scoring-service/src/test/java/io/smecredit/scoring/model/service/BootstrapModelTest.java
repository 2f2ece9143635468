package io.smecredit.scoring.model.service;

import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.ScoreReason;
import io.smecredit.model.Dataset;
import io.smecredit.model.Metrics;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ParityCheck;
import io.smecredit.model.ParityReport;
import io.smecredit.model.ProgressListener;
import io.smecredit.model.ServingModel;
import io.smecredit.scoring.model.domain.LoadedModel;
import io.smecredit.scoring.score.domain.ModelScore;
import io.smecredit.scoring.score.domain.ModelScorer;
import io.smecredit.scoring.score.domain.PrincipalReasons;
import io.smecredit.scoring.support.TamperedArtifacts;
import io.smecredit.scoring.support.TestVectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bootstrap model on the dictionary's schema: trained once, then checked on fresh simulated SMEs it never saw. */
class BootstrapModelTest {

    private static final long FRESH_SEED = 77L;
    private static ModelArtifact artifact;
    private static ServingModel model;
    private static Dataset fresh;

    @BeforeAll
    static void trainOnce() {
        long started = System.nanoTime();
        artifact = BootstrapModel.train(ProgressListener.NONE);
        System.out.printf("bootstrap model %s: %d rows, %d trees, %d ms, metrics %s%n", artifact.version(),
                artifact.trainingRows(), artifact.treeCount(), (System.nanoTime() - started) / 1_000_000,
                artifact.metrics());
        model = ServingModel.of(artifact);
        fresh = SimulatedPortfolio.generate(10_000, FRESH_SEED);
    }

    @Test
    void sameSeedAndThreadsGiveTheSameDataAndTheSameModelVersion() {
        Dataset once = SimulatedPortfolio.generate(500, 5L);
        Dataset again = SimulatedPortfolio.generate(500, 5L);
        assertThat(again.values()).isEqualTo(once.values());
        assertThat(again.labels()).isEqualTo(once.labels());
        // The bootstrap procedure on a smaller portfolio, twice: deterministic end to end.
        var options = BootstrapModel.dictionaryOptions().withThreads(BootstrapModel.TRAINING_THREADS)
                .withSeed(BootstrapModel.TRAINING_SEED).withInternalFolds(1).withMaxRounds(30);
        var trainer = new io.smecredit.model.CreditModelTrainer();
        ModelArtifact first = trainer.train(SimulatedPortfolio.generate(2_000, 9L), options, ProgressListener.NONE);
        ModelArtifact second = trainer.train(SimulatedPortfolio.generate(2_000, 9L), options, ProgressListener.NONE);
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(second.boosterJson()).isEqualTo(first.boosterJson());
    }

    @Test
    void eachFeatureSchemaHasABootstrapPortfolioOfItsOwnSoItsModelGetsAVersionOfItsOwn() {
        int served = FeatureDictionary.SCHEMA_VERSION;
        assertThat(BootstrapModel.simulationSeed(served)).isNotEqualTo(BootstrapModel.simulationSeed(served - 1));
        Dataset current = SimulatedPortfolio.generate(500, BootstrapModel.simulationSeed(served));
        Dataset previous = SimulatedPortfolio.generate(500, BootstrapModel.simulationSeed(served - 1));
        assertThat(current.values()).isNotEqualTo(previous.values());
        // And the model trained for the served schema is that portfolio's: its version changes with the schema.
        ModelArtifact onPrevious = new io.smecredit.model.CreditModelTrainer().train(previous,
                BootstrapModel.dictionaryOptions().withThreads(BootstrapModel.TRAINING_THREADS)
                        .withSeed(BootstrapModel.TRAINING_SEED).withInternalFolds(1).withMaxRounds(30),
                ProgressListener.NONE);
        ModelArtifact onCurrent = new io.smecredit.model.CreditModelTrainer().train(current,
                BootstrapModel.dictionaryOptions().withThreads(BootstrapModel.TRAINING_THREADS)
                        .withSeed(BootstrapModel.TRAINING_SEED).withInternalFolds(1).withMaxRounds(30),
                ProgressListener.NONE);
        assertThat(onCurrent.version()).isNotEqualTo(onPrevious.version());
    }

    @Test
    void modelIsOnTheFeatureDictionarySchemaAndRecordsItsScoringPolicy() {
        assertThat(artifact.featureNames()).isEqualTo(FeatureDictionary.names());
        // The policy survives the registry's JSON round trip and is recognised as this service's.
        ModelArtifact stored = io.smecredit.model.ModelArtifactJson.read(io.smecredit.model.ModelArtifactJson.write(artifact));
        assertThat(stored.version()).isEqualTo(artifact.version());
        assertThat(io.smecredit.scoring.score.domain.ScoringPolicy.matches(
                stored.parameters().get(io.smecredit.scoring.score.domain.ScoringPolicy.PARAMETER))).isTrue();
        assertThat(io.smecredit.scoring.score.domain.ScoringPolicy.matches(Map.of("score_scale", Map.of()))).isFalse();
        assertThat(artifact.featureSchemaVersion()).isEqualTo(FeatureDictionary.SCHEMA_VERSION);
        assertThat(artifact.trainingRows()).isEqualTo(BootstrapModel.SIMULATED_ROWS);
    }

    @Test
    void simulatedPortfolioHasARealisticDefaultRateAndSomeMissingValues() {
        assertThat((double) fresh.positives() / fresh.rows()).isBetween(0.04, 0.09);
        long missing = 0;
        for (float v : fresh.values()) {
            missing += Float.isNaN(v) ? 1 : 0;
        }
        assertThat((double) missing / fresh.values().length).isBetween(0.02, 0.04);
    }

    @Test
    void simulatedSmesAreSmallFirmsWithOneToTwelveActiveMachines() {
        int[] windows = {fresh.featureNames().indexOf("active_machines_7d"),
                fresh.featureNames().indexOf("active_machines_30d"), fresh.featureNames().indexOf("active_machines_90d")};
        int columns = fresh.featureNames().size();
        for (int r = 0; r < fresh.rows(); r++) {
            for (int window : windows) {
                float active = fresh.values()[r * columns + window];
                if (!Float.isNaN(active)) {
                    assertThat(active).as("row %d", r).isBetween(1f, 12f);
                }
            }
        }
    }

    @Test
    void aBusySmeIsNotRatedOnItsSizeNorToldItHadFewMachines() {
        // Session 13's demo: three of five small SMEs whose machines all ran got "Few machines were active" first.
        LoadedModel loaded = new LoadedModel(model);
        for (double risk : new double[]{0.15, 0.3, 0.5, 0.7}) {
            Map<Integer, ModelScore> bySize = new HashMap<>();
            for (int machines : new int[]{2, 3, 6, 12}) {
                Map<String, Double> features = new HashMap<>(TestVectors.atRisk(risk));
                for (int window : new int[]{7, 30, 90}) {
                    features.put(FeatureDictionary.name("active_machines", window), (double) machines);
                }
                features.put("active_machines_change", 0.0);
                ModelScore score = ModelScorer.score(loaded, model.toRow(features));
                assertThat(score.reasons()).as("risk %.2f, %d machines", risk, machines)
                        .extracting(reason -> FeatureDictionary.reasonGroup(reason.feature()))
                        .doesNotContain("active_machines");
                bySize.put(machines, score);
            }
            assertThat(bySize.get(2).pd()).as("risk %.2f", risk).isCloseTo(bySize.get(12).pd(),
                    within(0.1 * bySize.get(12).pd()));
        }
    }

    @Test
    void separatesDefaultersAmongSmesItNeverSaw() {
        Metrics metrics = Metrics.of(model.pds(fresh.valuesAsDoubles(), fresh.rows()), fresh.labels());
        assertThat(metrics.auc()).isGreaterThan(0.75);
    }

    @Test
    void calibratedPdsMatchObservedDefaultRatesOnFreshSmes() {
        double[] pds = model.pds(fresh.valuesAsDoubles(), fresh.rows());
        Metrics metrics = Metrics.of(pds, fresh.labels());
        double meanPd = java.util.Arrays.stream(pds).average().orElseThrow();
        double observed = (double) fresh.positives() / fresh.rows();
        // 10,000 rows at ~6%: the observed rate's standard error is ~0.24 percentage points.
        assertThat(meanPd).isCloseTo(observed, within(0.01));
        assertThat(metrics.ece()).isLessThan(0.02);
    }

    @Test
    void contributionsAddUpWithTheBaseValueToTheMarginAndReasonsAreTheLargestPositiveOnes() {
        LoadedModel loaded = new LoadedModel(model);
        for (int r = 0; r < 300; r++) {
            double[] row = fresh.row(r);
            double[] phi = model.contributions(row);
            double sum = 0;
            for (double value : phi) {
                sum += value;
            }
            assertThat(sum).as("row %d", r).isCloseTo(model.margin(row), within(1e-6));

            ModelScore score = ModelScorer.score(loaded, row);
            assertThat(score.reasons()).hasSizeLessThanOrEqualTo(4);
            double previous = Double.POSITIVE_INFINITY;
            for (ScoreReason reason : score.reasons()) {
                int index = artifact.featureNames().indexOf(reason.feature());
                assertThat(reason.contribution()).isEqualTo(phi[index]).isPositive().isLessThanOrEqualTo(previous);
                previous = reason.contribution();
            }
            long materialMeasures = java.util.stream.IntStream.range(0, row.length)
                    .filter(f -> phi[f] >= PrincipalReasons.MIN_CONTRIBUTION)
                    .mapToObj(f -> FeatureDictionary.reasonGroup(artifact.featureNames().get(f))).distinct().count();
            assertThat(score.reasons()).hasSize((int) Math.min(4, materialMeasures));
            assertThat(score.reasons()).extracting(reason -> FeatureDictionary.reasonGroup(reason.feature()))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aSickSmeGetsAHigherPdAndWorseGradeThanAHealthyOne() {
        LoadedModel loaded = new LoadedModel(model);
        ModelScore healthy = ModelScorer.score(loaded, model.toRow(TestVectors.HEALTHY));
        ModelScore sick = ModelScorer.score(loaded, model.toRow(TestVectors.SICK));
        assertThat(sick.pd()).isGreaterThan(healthy.pd() * 5);
        assertThat(sick.score()).isLessThan(healthy.score());
        assertThat(sick.grade()).isGreaterThan(healthy.grade());
        assertThat(sick.reasons()).isNotEmpty();
    }

    @Test
    void pdNeverFallsWhenAFeatureMovesTowardsItsRiskyEnd() {
        // Monotone constraints from the dictionary: check a few features with a full sweep each.
        for (String name : new String[]{"utilisation_30d", "output_volatility_30d", "days_since_output"}) {
            var definition = FeatureDictionary.find(name).orElseThrow();
            double previous = -1;
            for (int step = 0; step <= 40; step++) {
                Map<String, Double> features = new HashMap<>(TestVectors.atRisk(0.5));
                double share = step / 40.0;
                double span = definition.typicalHigh() - definition.typicalLow();
                features.put(name, definition.riskierWhen().monotoneSign() > 0
                        ? definition.typicalLow() + share * span : definition.typicalHigh() - share * span);
                double pd = model.pd(model.toRow(features));
                assertThat(pd).as("%s at risk share %.3f", name, share).isGreaterThanOrEqualTo(previous);
                previous = pd;
            }
        }
    }

    @Test
    void evaluatorAgreesWithXgboostOnTheGoldenSet() {
        float[][] golden = ParityCheck.goldenSet(artifact, ModelRegistry.GOLDEN_SET_SEED);
        ParityReport report = ParityCheck.check(artifact, golden);
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.rows()).as("every golden row, extremes included, reached xgboost4j").isEqualTo(golden.length);
        assertThat(report.maxAbsDiff()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void anArtifactWhoseBoosterJsonWasTamperedFailsParity() {
        ModelArtifact tampered = TamperedArtifacts.withAmbiguousRootThreshold(artifact);
        ParityReport report = ParityCheck.check(tampered, ParityCheck.goldenSet(tampered, ModelRegistry.GOLDEN_SET_SEED));
        assertThat(report.passed()).as(report.summary()).isFalse();
        assertThat(report.maxAbsDiff()).isGreaterThan(1e-6);
    }
}
