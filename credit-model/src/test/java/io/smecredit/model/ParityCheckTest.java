package io.smecredit.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParityCheckTest {

    private static ModelArtifact artifact;

    @BeforeAll
    static void train() {
        artifact = new CreditModelTrainer().train(SyntheticCredit.generate(1200, 11),
                TrainingOptions.defaults().withThreads(1).withInternalFolds(2).withMaxRounds(40), ProgressListener.NONE);
    }

    @Test
    void theGoldenSetIsFiniteAndWithinWhatXgboostAccepts() {
        List<float[]> golden = Arrays.asList(ParityCheck.goldenSet(artifact, 7));
        assertThat(golden).allSatisfy(row -> {
            for (float value : row) {
                assertThat(Float.isNaN(value) || Math.abs(value) <= ParityCheck.LARGEST_MAGNITUDE)
                        .as("value %s", value).isTrue();
            }
        });
        // The extremes are still there: rows entirely at ±1e38, −0 and the smallest subnormal.
        assertThat(golden).anySatisfy(row -> assertThat(row).containsOnly(ParityCheck.LARGEST_MAGNITUDE));
        assertThat(golden).anySatisfy(row -> assertThat(row).containsOnly(-ParityCheck.LARGEST_MAGNITUDE));
        assertThat(golden).anySatisfy(row -> assertThat(row).containsOnly(Float.MIN_VALUE));
        assertThat(golden).anySatisfy(row -> assertThat(Arrays.stream(toDoubles(row)).allMatch(v -> v == 0
                && 1 / v < 0)).isTrue());
    }

    @Test
    void xgboostTakesTheGoldenSetAsItIsAndAgreesWithThePureJavaEvaluator() {
        // check() hands the rows to xgboost4j unchanged: it would throw if xgboost4j refused a value.
        ParityReport report = ParityCheck.check(artifact, ParityCheck.goldenSet(artifact, 7));
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.rows()).isGreaterThan(500);
    }

    private static double[] toDoubles(float[] row) {
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i];
        }
        return out;
    }
}
