package io.smecredit.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ServingModelTest {

    private static ServingModel model;

    @BeforeAll
    static void train() {
        model = ServingModel.of(new CreditModelTrainer().train(SyntheticCredit.generate(1500, 3),
                TrainingOptions.defaults().withThreads(1).withInternalFolds(2).withMaxRounds(80), ProgressListener.NONE));
    }

    @Test
    void absentFeaturesAreMissing() {
        double[] row = model.toRow(Map.of("utilisation", 0.4));
        assertThat(row[0]).isEqualTo(0.4);
        assertThat(row[1]).isNaN();
        assertThat(model.featureNames()).containsExactlyElementsOf(SyntheticCredit.FEATURES);
    }

    @Test
    void explicitNanOrInfinityIsRefusedByName() {
        assertThatThrownBy(() -> model.toRow(Map.of("debt_ratio", Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("debt_ratio");
        assertThatThrownBy(() -> model.toRow(Map.of("age_years", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("age_years");
    }

    @Test
    void unknownFeaturesAreRefusedByName() {
        Map<String, Double> features = new HashMap<>();
        features.put("utilisation", 0.5);
        features.put("shoe_size", 42.0);
        assertThatThrownBy(() -> model.toRow(features))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shoe_size");
    }

    @Test
    void batchPdsEqualSingleRowPds() {
        Dataset data = SyntheticCredit.generate(50, 8);
        double[] batch = model.pds(data.valuesAsDoubles(), data.rows());
        for (int r = 0; r < data.rows(); r++) {
            assertThat(batch[r]).isEqualTo(model.pd(data.row(r)));
        }
    }

    @Test
    void pdIsTheCalibratedRawProbability() {
        double[] row = model.toRow(Map.of("utilisation", 0.1, "debt_ratio", 1.2));
        assertThat(model.rawProbability(row)).isCloseTo(1 / (1 + Math.exp(-model.margin(row))), within(1e-15));
        assertThat(model.pd(row)).isEqualTo(model.artifact().calibration().pd(model.rawProbability(row)));
        double[] phi = model.contributions(row);
        assertThat(phi).hasSize(SyntheticCredit.FEATURES.size() + 1);
    }
}
