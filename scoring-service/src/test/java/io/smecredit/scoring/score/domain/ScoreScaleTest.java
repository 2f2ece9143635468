package io.smecredit.scoring.score.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreScaleTest {

    @Test
    void oddsOfFiftyToOneScoreTheAnchorSixHundred() {
        assertThat(ScoreScale.points(1.0 / 51)).isEqualTo(600);
    }

    @Test
    void doublingTheOddsAddsTwentyPoints() {
        // pd = 1/101 -> good:bad odds 100:1, twice the anchor odds
        assertThat(ScoreScale.points(1.0 / 101)).isEqualTo(620);
        // pd = 1/26 -> odds 25:1, half the anchor odds
        assertThat(ScoreScale.points(1.0 / 26)).isEqualTo(580);
    }

    @Test
    void pointsBetweenDoublingsFollowTheLogOfTheOdds() {
        // odds 99:1 -> 600 + 20/ln2 * ln(99/50) = 619.71 -> 620; odds 9:1 -> 600 + 28.85 * ln(0.18) = 550.52 -> 551
        assertThat(ScoreScale.points(0.01)).isEqualTo(620);
        assertThat(ScoreScale.points(0.10)).isEqualTo(551);
    }

    @Test
    void extremeProbabilitiesAreClampedToTheScaleEnds() {
        assertThat(ScoreScale.points(0.0)).isEqualTo(900);
        assertThat(ScoreScale.points(1e-9)).isEqualTo(900);
        assertThat(ScoreScale.points(1.0)).isEqualTo(300);
        assertThat(ScoreScale.points(0.9999)).isEqualTo(300);
    }

    @Test
    void higherPdNeverScoresMorePoints() {
        int previous = Integer.MAX_VALUE;
        for (double pd = 0.0; pd <= 1.0; pd += 0.0005) {
            int points = ScoreScale.points(Math.min(pd, 1.0));
            assertThat(points).isLessThanOrEqualTo(previous).isBetween(300, 900);
            previous = points;
        }
    }

    @Test
    void rejectsValuesThatAreNotProbabilities() {
        assertThatThrownBy(() -> ScoreScale.points(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreScale.points(-0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreScale.points(1.01)).isInstanceOf(IllegalArgumentException.class);
    }
}
