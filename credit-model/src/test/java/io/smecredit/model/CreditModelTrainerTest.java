package io.smecredit.model;

import io.smecredit.model.tree.TreeEnsemble;
import io.smecredit.model.tree.XgboostJsonModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CreditModelTrainerTest {

    private static final TrainingOptions OPTIONS = TrainingOptions.defaults().withThreads(2).withMaxRounds(400)
            .withEarlyStoppingRounds(25).withTreeShape(0.1, 4, 1);
    /** For tests about something other than the default procedure: one validation split keeps them quick. */
    private static final TrainingOptions QUICK = OPTIONS.withInternalFolds(1);
    private static Dataset training;
    private static ModelArtifact artifact;
    private static final List<int[]> progress = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        training = SyntheticCredit.generate(6000, 1);
        artifact = new CreditModelTrainer().train(training, OPTIONS,
                (stage, done, total) -> progress.add(new int[]{done, total}));
    }

    @Test
    void earlyStoppingKeepsExactlyTheBestRounds() {
        assertThat(artifact.parameters().get("internal_folds")).isEqualTo(5);
        assertThat(artifact.parameters().get("validation_rows")).as("every row is held out once").isEqualTo(training.rows());
        int bestIteration = ((Number) artifact.parameters().get("best_iteration")).intValue();
        int roundsRun = ((Number) artifact.parameters().get("rounds_run")).intValue();
        assertThat(roundsRun).as("early stopping ended boosting before the cap").isLessThan(OPTIONS.maxRounds());
        assertThat(roundsRun).isEqualTo(bestIteration + 1 + OPTIONS.earlyStoppingRounds());
        assertThat(artifact.treeCount()).isEqualTo(bestIteration + 1);
        assertThat(artifact.parameters().get("rounds")).isEqualTo(bestIteration + 1);
    }

    @Test
    void theArtifactRecordsTheLibrariesThatBuiltIt() {
        @SuppressWarnings("unchecked")
        Map<String, Object> builtWith = (Map<String, Object>) artifact.parameters().get(BuildInfo.PARAMETER);
        assertThat(builtWith).containsEntry("xgboost4j", "3.4.0")
                .containsEntry("java", System.getProperty("java.version"))
                .containsKey("credit-model");
        // Kept through the artifact file that upload and the registry read.
        assertThat(ModelArtifactJson.read(ModelArtifactJson.write(artifact)).parameters().get(BuildInfo.PARAMETER))
                .isEqualTo(builtWith);
    }

    @Test
    void aSingleValidationSplitAlsoKeepsOnlyTheBestRounds() {
        ModelArtifact split = new CreditModelTrainer().train(SyntheticCredit.generate(2000, 6), QUICK,
                ProgressListener.NONE);
        int bestIteration = ((Number) split.parameters().get("best_iteration")).intValue();
        assertThat(split.parameters().get("rounds_run")).isEqualTo(bestIteration + 1 + QUICK.earlyStoppingRounds());
        assertThat(split.treeCount()).isEqualTo(bestIteration + 1);
        assertThat(split.parameters().get("validation_rows")).isEqualTo(400);
    }

    @Test
    void sameDataAndOptionsGiveTheSameVersion() {
        Dataset data = SyntheticCredit.generate(2000, 4);
        ModelArtifact first = new CreditModelTrainer().train(data, QUICK, ProgressListener.NONE);
        ModelArtifact again = new CreditModelTrainer().train(data, QUICK, ProgressListener.NONE);
        assertThat(again.version()).isEqualTo(first.version()).matches("m-[0-9a-f]{12}");
        assertThat(again.boosterJson()).isEqualTo(first.boosterJson());
        assertThat(again.dataFingerprint()).isEqualTo(first.dataFingerprint());
        ModelArtifact otherSeed = new CreditModelTrainer().train(data, QUICK.withSeed(7), ProgressListener.NONE);
        assertThat(otherSeed.version()).isNotEqualTo(first.version());
    }

    @Test
    void pureJavaEvaluatorAgreesWithXgboostOnTheGoldenSet() {
        float[][] golden = ParityCheck.goldenSet(artifact, 3);
        ParityReport report = ParityCheck.check(artifact, golden);
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.maxAbsDiff()).isLessThanOrEqualTo(1e-6);
        assertThat(report.rows()).isEqualTo(golden.length);
        // The golden set really contains rows on thresholds, missing values and extremes.
        TreeEnsemble ensemble = XgboostJsonModel.parse(artifact.boosterJson());
        float someThreshold = ensemble.splitThresholdsByFeature().get(0).first();
        assertThat(Arrays.stream(golden).anyMatch(row -> row[0] == someThreshold)).isTrue();
        assertThat(Arrays.stream(golden).anyMatch(row -> Float.isNaN(row[1]))).isTrue();
        assertThat(Arrays.stream(golden).anyMatch(row -> row[2] == ParityCheck.LARGEST_MAGNITUDE)).isTrue();
    }

    @Test
    void calibratedPdsMatchTheTruePdsOfFreshBorrowers() {
        Dataset fresh = SyntheticCredit.generate(20_000, 99);
        ServingModel model = ServingModel.of(artifact);
        double[] pds = model.pds(fresh.valuesAsDoubles(), fresh.rows());
        double[] truth = SyntheticCredit.truePds(fresh);
        double meanPd = Arrays.stream(pds).average().orElseThrow();
        double meanTruth = Arrays.stream(truth).average().orElseThrow();
        assertThat(meanPd).isCloseTo(meanTruth, within(0.01));
        assertThat(Metrics.ece(pds, fresh.labels())).isLessThan(0.02);
        double meanAbsError = 0;
        for (int i = 0; i < pds.length; i++) {
            meanAbsError += Math.abs(pds[i] - truth[i]) / pds.length;
        }
        // Model error, not calibration error: the model learns from 6,000 rows only.
        assertThat(meanAbsError).isLessThan(0.045);
        assertThat(Metrics.auc(pds, fresh.labels())).isGreaterThan(Metrics.auc(truth, fresh.labels()) - 0.02);
    }

    @Test
    void reasonsSumWithTheBaseValueToTheMargin() {
        ServingModel model = ServingModel.of(artifact);
        for (int r = 0; r < 200; r++) {
            double[] row = training.row(r);
            double sum = Arrays.stream(model.contributions(row)).sum();
            assertThat(sum).isCloseTo(model.margin(row), within(1e-6));
        }
    }

    @Test
    void monotoneConstraintsHoldEverywhere() {
        Dataset data = SyntheticCredit.generate(3000, 5);
        ModelArtifact constrained = new CreditModelTrainer().train(data,
                QUICK.withMonotoneConstraints(Map.of("utilisation", -1, "noise", 1)), ProgressListener.NONE);
        assertThat((String) constrained.parameters().get("monotone_constraints")).isEqualTo("(-1,0,0,0,1)");
        assertThat(ParityCheck.check(constrained, ParityCheck.goldenSet(constrained, 1)).passed()).isTrue();
        ServingModel model = ServingModel.of(constrained);
        for (int r = 0; r < 100; r++) {
            double[] row = data.row(r);
            double previousUtilisation = Double.POSITIVE_INFINITY;
            double previousNoise = Double.NEGATIVE_INFINITY;
            for (double v = -3; v <= 3; v += 0.01) {
                double[] a = row.clone();
                a[0] = v;
                double pdA = model.pd(a);
                assertThat(pdA).isLessThanOrEqualTo(previousUtilisation);
                previousUtilisation = pdA;
                double[] b = row.clone();
                b[4] = v;
                double pdB = model.pd(b);
                assertThat(pdB).isGreaterThanOrEqualTo(previousNoise);
                previousNoise = pdB;
            }
        }
    }

    @Test
    void constraintsOnUnknownFeaturesAreRefusedByName() {
        assertThatThrownBy(() -> new CreditModelTrainer().train(training,
                QUICK.withMonotoneConstraints(Map.of("no_such_feature", 1)), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_feature");
    }

    @Test
    void tooFewDefaultsAreRefusedClearly() {
        float[] labels = new float[training.rows()];
        labels[0] = 1;
        Dataset oneDefault = new Dataset(training.featureNames(), training.values(), labels, training.rows());
        assertThatThrownBy(() -> new CreditModelTrainer().train(oneDefault, OPTIONS, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 defaults");
    }

    @Test
    void progressRisesToCompletion() {
        assertThat(progress).isNotEmpty();
        int[] last = progress.get(progress.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
        }
    }

    @Test
    void crossValidationScoresEveryRowOutOfFold() {
        Dataset data = SyntheticCredit.generate(2000, 11);
        CrossValidationResult cv = new CreditModelTrainer().crossValidate(data, OPTIONS.withInternalFolds(2), 3,
                ProgressListener.NONE);
        assertThat(cv.folds()).hasSize(3);
        assertThat(Arrays.stream(cv.outOfFoldPds()).boxed().toList()).allSatisfy(pd -> assertThat(pd).isStrictlyBetween(0.0, 1.0));
        assertThat(cv.mean().auc()).isBetween(0.6, 1.0);
        assertThat(cv.mean().gini()).isCloseTo(2 * cv.mean().auc() - 1, within(1e-12));
        assertThat(cv.featureImportance().keySet()).containsExactlyInAnyOrderElementsOf(SyntheticCredit.FEATURES);
        assertThat(cv.featureImportance().keySet().iterator().next()).isNotEqualTo("noise");
    }

    @Test
    void givenFoldsMustNumberEveryRowAndLeaveNoFoldEmpty() {
        Dataset data = SyntheticCredit.generate(300, 12);
        CreditModelTrainer trainer = new CreditModelTrainer();
        assertThatThrownBy(() -> trainer.crossValidate(data, QUICK, new int[299], ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("299 rows but the data has 300");
        int[] gap = new int[300];
        Arrays.fill(gap, 150, 300, 2);
        assertThatThrownBy(() -> trainer.crossValidate(data, QUICK, gap, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fold 1 has no rows");
    }

    @Test
    void searchTriesEveryCandidateAndRecordsIt() {
        Dataset data = SyntheticCredit.generate(1500, 21);
        ModelArtifact searched = new CreditModelTrainer().train(data, QUICK.withHyperparameterSearch(true),
                ProgressListener.NONE);
        @SuppressWarnings("unchecked")
        Map<String, Object> log = (Map<String, Object>) searched.parameters().get("search_validation_auc");
        assertThat(log).hasSize(CreditModelTrainer.SEARCH_GRID.size());
        assertThat(searched.parameters().get("max_depth")).isIn(3, 4, 6);
    }

    @Test
    void foldsAndSplitsAreStratified() {
        float[] labels = new float[1000];
        for (int i = 0; i < 100; i++) {
            labels[i * 10] = 1;
        }
        int[] folds = CreditModelTrainer.stratifiedFolds(labels, 5, 1);
        for (int f = 0; f < 5; f++) {
            int positives = 0, rows = 0;
            for (int i = 0; i < labels.length; i++) {
                if (folds[i] == f) {
                    rows++;
                    positives += (int) labels[i];
                }
            }
            assertThat(rows).isEqualTo(200);
            assertThat(positives).isEqualTo(20);
        }
        int[][] split = CreditModelTrainer.stratifiedSplit(labels, 0.2, 1);
        assertThat(split[1]).hasSize(200);
        assertThat(Arrays.stream(split[1]).filter(i -> labels[i] == 1).count()).isEqualTo(20);
    }

    @Test
    void groupedFoldsKeepEachGroupTogetherAndShareOutTheDefaultingGroups() {
        int groups = 100;
        int rowsPerGroup = 10;
        float[] labels = new float[groups * rowsPerGroup];
        String[] groupOf = new String[labels.length];
        for (int r = 0; r < labels.length; r++) {
            int g = r / rowsPerGroup;
            groupOf[r] = "sme-" + g;
            labels[r] = g % 5 == 0 && r % rowsPerGroup >= 7 ? 1 : 0;
        }
        int[] folds = CreditModelTrainer.groupedStratifiedFolds(labels, groupOf, 5, 1);

        for (int g = 0; g < groups; g++) {
            for (int r = g * rowsPerGroup; r < (g + 1) * rowsPerGroup; r++) {
                assertThat(folds[r]).as("rows of sme-" + g).isEqualTo(folds[g * rowsPerGroup]);
            }
        }
        for (int f = 0; f < 5; f++) {
            int fold = f;
            long defaultingGroups = java.util.stream.IntStream.range(0, groups)
                    .filter(g -> g % 5 == 0 && folds[g * rowsPerGroup] == fold).count();
            assertThat(defaultingGroups).as("defaulting SMEs in fold " + f).isEqualTo(4);
        }
        assertThatThrownBy(() -> CreditModelTrainer.groupedStratifiedFolds(labels, groupOf, 25, 1))
                .hasMessageContaining("20 with a default");
    }

    /**
     * Many daily rows per borrower, labels unrelated to the features, features that identify the borrower: validated
     * on other days of the same borrowers, the model looks perfect; validated on other borrowers, it is a coin toss.
     */
    @Test
    void withGroupsTheHeldOutMetricsAreMeasuredOnBorrowersTheModelDidNotSee() {
        int borrowers = 60;
        int days = 30;
        Random random = new Random(3);
        float[] values = new float[borrowers * days * 2];
        float[] labels = new float[borrowers * days];
        String[] groupOf = new String[labels.length];
        for (int b = 0; b < borrowers; b++) {
            float identity = random.nextFloat();
            float defaulted = b % 3 == 0 ? 1 : 0;
            for (int d = 0; d < days; d++) {
                int r = b * days + d;
                values[2 * r] = identity;
                values[2 * r + 1] = random.nextFloat();
                labels[r] = defaulted;
                groupOf[r] = "sme-" + b;
            }
        }
        Dataset data = new Dataset(List.of("identity", "noise"), values, labels, labels.length);

        ModelArtifact byRow = new CreditModelTrainer().train(data, OPTIONS, ProgressListener.NONE);
        ModelArtifact byBorrower = new CreditModelTrainer().train(data, groupOf, OPTIONS, ProgressListener.NONE);

        assertThat(byRow.metrics().get("auc")).as("rows of one borrower on both sides").isGreaterThan(0.95);
        assertThat(byBorrower.metrics().get("auc")).as("borrowers on one side only").isLessThan(0.75);
    }
}
