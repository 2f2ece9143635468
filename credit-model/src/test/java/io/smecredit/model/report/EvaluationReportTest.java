package io.smecredit.model.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationReportTest {

    @Test
    void axisTicksFallOnRoundNumbers() {
        // The calibration plot's bins are 0.1 wide: ticks at 0.18, 0.36, … did not line up with anything.
        assertThat(EvaluationReport.tickStep(0.9)).isCloseTo(0.1, within(1e-12));
        assertThat(EvaluationReport.tickStep(1.0)).isCloseTo(0.1, within(1e-12));
        assertThat(EvaluationReport.tickStep(0.35)).isCloseTo(0.05, within(1e-12));
        assertThat(EvaluationReport.tickStep(0.2)).isCloseTo(0.02, within(1e-12));
        assertThat(EvaluationReport.tickStep(0.15)).isCloseTo(0.02, within(1e-12));
    }
}
