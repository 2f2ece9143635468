package io.smecredit.loan.report.domain;

import io.smecredit.contracts.ScoreEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreEventRulesTest {

    private static final Instant AS_OF = Instant.parse("2024-05-01T12:00:00Z");

    private static ScoreEvent event(String smeId, double pd, String grade, String modelVersion, Instant asOf) {
        return new ScoreEvent(smeId, pd, 700, grade, modelVersion, asOf);
    }

    @Test
    void acceptsAWellFormedEventIncludingBoundaryProbabilities() {
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 0.02, "B", "xgb-1", AS_OF))).isEmpty();
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 0.0, "A", "xgb-1", AS_OF))).isEmpty();
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 1.0, "E", "xgb-1", AS_OF))).isEmpty();
    }

    @Test
    void rejectsAnUnreadablePayload() {
        assertThat(ScoreEventRules.rejectionReason(null)).hasValueSatisfying(r -> assertThat(r).contains("readable"));
    }

    @Test
    void rejectsAnSmeIdThatCouldNeverBeRequested() {
        assertThat(ScoreEventRules.rejectionReason(event("SME 1", 0.1, "B", "xgb-1", AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("smeId"));
        assertThat(ScoreEventRules.rejectionReason(event(null, 0.1, "B", "xgb-1", AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("smeId"));
    }

    @Test
    void rejectsAnEventWithoutAsOfBecauseOrderingDependsOnIt() {
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 0.1, "B", "xgb-1", null)))
                .hasValueSatisfying(r -> assertThat(r).contains("asOf"));
    }

    @Test
    void rejectsAPdThatIsNotAProbability() {
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", -0.01, "B", "xgb-1", AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("pd"));
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 1.01, "B", "xgb-1", AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("pd"));
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", Double.NaN, "B", "xgb-1", AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("pd"));
    }

    @Test
    void rejectsMissingOrOversizedGradeAndModelVersion() {
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 0.1, " ", "xgb-1", AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("grade"));
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 0.1, "B".repeat(17), "xgb-1", AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("grade"));
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 0.1, "B", null, AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("modelVersion"));
        assertThat(ScoreEventRules.rejectionReason(event("sme-001", 0.1, "B", "v".repeat(129), AS_OF)))
                .hasValueSatisfying(r -> assertThat(r).contains("modelVersion"));
    }
}
