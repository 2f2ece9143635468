package io.smecredit.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParityReportTest {

    @Test
    void passesOnlyWithinTheToleranceOnANonEmptyGoldenSet() {
        assertThat(new ParityReport("m-1", 100, 1e-6, 3, ParityCheck.TOLERANCE).passed()).isTrue();
        assertThat(new ParityReport("m-1", 100, 1.1e-6, 3, ParityCheck.TOLERANCE).passed()).isFalse();
        assertThat(new ParityReport("m-1", 100, Double.POSITIVE_INFINITY, 3, ParityCheck.TOLERANCE).passed()).isFalse();
        assertThat(new ParityReport("m-1", 0, 0, -1, ParityCheck.TOLERANCE).passed()).as("nothing compared").isFalse();
    }

    @Test
    void summaryNamesTheVerdictAndTheWorstRow() {
        assertThat(new ParityReport("m-abc", 10, 0.5, 7, 1e-6).summary())
                .contains("FAILED").contains("m-abc").contains("worst row 7");
        assertThat(new ParityReport("m-abc", 1546, 2.99006251786027E-7, 3, 1e-6).summary())
                .isEqualTo("parity passed for m-abc: max |Δp| = 3.0e-7 over 1546 golden rows (tolerance 1.0e-6, worst row 3)");
    }
}
