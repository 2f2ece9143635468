package io.smecredit.scoring.score.domain;

/**
 * Letter grades by one-year probability of default. Each grade covers PDs from the previous grade's bound
 * (inclusive) up to its own bound (exclusive):
 * <pre>
 * grade  PD band          roughly
 * A      [0%,   0.5%)     investment grade
 * B      [0.5%, 1%)
 * C      [1%,   2%)
 * D      [2%,   5%)
 * E      [5%,  10%)
 * F      [10%, 100%]      high risk
 * </pre>
 * The bands are monotone in PD, so a better grade never carries a higher PD.
 */
public enum Grade {
    A(0.005),
    B(0.01),
    C(0.02),
    D(0.05),
    E(0.10),
    F(Double.POSITIVE_INFINITY);

    private final double pdUpperBoundExclusive;

    Grade(double pdUpperBoundExclusive) {
        this.pdUpperBoundExclusive = pdUpperBoundExclusive;
    }

    public double pdUpperBoundExclusive() {
        return pdUpperBoundExclusive;
    }

    public static Grade forPd(double pd) {
        ScoreScale.requireProbability(pd);
        for (Grade grade : values()) {
            if (pd < grade.pdUpperBoundExclusive) {
                return grade;
            }
        }
        return F;
    }
}
