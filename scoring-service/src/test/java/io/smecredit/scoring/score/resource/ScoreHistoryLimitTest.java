package io.smecredit.scoring.score.resource;

import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreHistoryLimitTest {

    @Test
    void absentLimitUsesTheDefault() {
        assertThat(ScoreHistoryResource.parseLimit(null)).isEqualTo(ScoreHistoryResource.DEFAULT_LIMIT);
    }

    @Test
    void limitWithinRangeIsUsedAsGiven() {
        assertThat(ScoreHistoryResource.parseLimit("1")).isEqualTo(1);
        assertThat(ScoreHistoryResource.parseLimit("500")).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "501", "ten", "", "1.5"})
    void limitOutsideRangeOrNotANumberIsAValidationProblem(String limit) {
        assertThatThrownBy(() -> ScoreHistoryResource.parseLimit(limit))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().type()).isEqualTo(ProblemType.VALIDATION_FAILED.uri());
                    assertThat(e.problem().errors()).extracting("field").containsExactly("limit");
                });
    }
}
