package io.smecredit.scoring.score.domain;

/**
 * The points scale banks read: 600 points at good:bad odds of 50:1, 20 more points each time the odds double,
 * clamped to 300–900. {@code score = 600 + 20/ln2 * ln(oddsGood / 50)} with {@code oddsGood = (1 - pd) / pd}.
 */
public final class ScoreScale {

    public static final int ANCHOR_SCORE = 600;
    public static final double ANCHOR_GOOD_ODDS = 50.0;
    public static final double POINTS_TO_DOUBLE_ODDS = 20.0;
    public static final int MIN_SCORE = 300;
    public static final int MAX_SCORE = 900;

    private static final double POINTS_PER_LN_ODDS = POINTS_TO_DOUBLE_ODDS / Math.log(2);

    private ScoreScale() {
    }

    public static int points(double pd) {
        requireProbability(pd);
        if (pd == 0.0) {
            return MAX_SCORE;
        }
        if (pd == 1.0) {
            return MIN_SCORE;
        }
        double goodOdds = (1 - pd) / pd;
        double raw = ANCHOR_SCORE + POINTS_PER_LN_ODDS * Math.log(goodOdds / ANCHOR_GOOD_ODDS);
        return (int) Math.max(MIN_SCORE, Math.min(MAX_SCORE, Math.round(raw)));
    }

    static void requireProbability(double pd) {
        if (Double.isNaN(pd) || pd < 0 || pd > 1) {
            throw new IllegalArgumentException("A probability of default must lie in [0, 1], got " + pd);
        }
    }
}
