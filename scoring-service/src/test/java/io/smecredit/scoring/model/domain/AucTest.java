package io.smecredit.scoring.model.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AucTest {

    @Test
    void perfectRankingIsOneAndReversedIsZero() {
        float[] labels = {0, 0, 1, 1};
        assertThat(Auc.of(new float[]{0.1f, 0.2f, 0.8f, 0.9f}, labels)).isEqualTo(1.0);
        assertThat(Auc.of(new float[]{0.9f, 0.8f, 0.2f, 0.1f}, labels)).isEqualTo(0.0);
    }

    @Test
    void tiedPredictionsCountHalf() {
        // pairs (neg, pos): (0.5,0.5) tie = 0.5, (0.5,0.9) = 1, (0.1,0.5) = 1, (0.1,0.9) = 1 -> 3.5 / 4
        assertThat(Auc.of(new float[]{0.1f, 0.5f, 0.5f, 0.9f}, new float[]{0, 0, 1, 1})).isEqualTo(0.875);
    }

    @Test
    void undefinedWithoutBothClasses() {
        assertThat(Auc.of(new float[]{0.1f, 0.2f}, new float[]{0, 0})).isNaN();
    }
}
