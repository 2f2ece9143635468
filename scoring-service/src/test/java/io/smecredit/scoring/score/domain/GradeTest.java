package io.smecredit.scoring.score.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradeTest {

    @ParameterizedTest(name = "pd {0} -> {1}")
    @CsvSource({
            "0.0,    A", "0.0049, A",
            "0.005,  B", "0.0099, B",
            "0.01,   C", "0.0199, C",
            "0.02,   D", "0.0499, D",
            "0.05,   E", "0.0999, E",
            "0.10,   F", "1.0,    F"})
    void eachBandIncludesItsLowerBoundAndExcludesItsUpperBound(double pd, Grade expected) {
        assertThat(Grade.forPd(pd)).isEqualTo(expected);
    }

    @Test
    void bandsAreMonotoneInPd() {
        Grade previous = Grade.A;
        for (double pd = 0.0; pd <= 1.0; pd += 0.0001) {
            Grade grade = Grade.forPd(Math.min(pd, 1.0));
            assertThat(grade.ordinal()).isGreaterThanOrEqualTo(previous.ordinal());
            previous = grade;
        }
    }

    @Test
    void rejectsValuesThatAreNotProbabilities() {
        assertThatThrownBy(() -> Grade.forPd(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
