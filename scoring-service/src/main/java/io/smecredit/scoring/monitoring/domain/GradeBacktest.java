package io.smecredit.scoring.monitoring.domain;

import io.smecredit.scoring.score.domain.Grade;

import java.util.ArrayList;
import java.util.List;

/**
 * The PD backtest of one grade in a matured cohort: the defaults its PDs predicted against the defaults that
 * happened. AUC and KS only say whether the model ranks borrowers; banks price and provision with the PD itself,
 * so an operator has to see whether the PDs were right, grade by grade.
 *
 * <p>{@code pValueTooManyDefaults} is the binomial test used in PD backtesting: the probability of at least
 * {@code defaults} defaults among {@code rows} borrowers if each defaulted independently with the grade's mean PD.
 * Below 0.05 the grade's PD is probably too low. Defaults of one year are correlated (one downturn hits many
 * borrowers), which makes the test too quick to flag; read it as a signal to investigate, not a verdict.
 */
public record GradeBacktest(String grade, String pdBand, int rows, int defaults, double meanPd,
                            double observedDefaultRate, double expectedDefaults, double pValueTooManyDefaults) {

    /** One entry per grade that has rows, best grade first. */
    public static List<GradeBacktest> of(double[] pds, boolean[] defaulted) {
        if (pds.length != defaulted.length) {
            throw new IllegalArgumentException(pds.length + " PDs but " + defaulted.length + " outcomes");
        }
        Grade[] grades = Grade.values();
        int[] rows = new int[grades.length];
        int[] defaults = new int[grades.length];
        double[] pdSums = new double[grades.length];
        for (int i = 0; i < pds.length; i++) {
            int g = Grade.forPd(pds[i]).ordinal();
            rows[g]++;
            pdSums[g] += pds[i];
            if (defaulted[i]) {
                defaults[g]++;
            }
        }
        List<GradeBacktest> backtest = new ArrayList<>();
        for (Grade grade : grades) {
            int g = grade.ordinal();
            if (rows[g] == 0) {
                continue;
            }
            double meanPd = pdSums[g] / rows[g];
            backtest.add(new GradeBacktest(grade.name(), band(grade), rows[g], defaults[g], meanPd,
                    (double) defaults[g] / rows[g], pdSums[g], probabilityOfAtLeast(defaults[g], rows[g], meanPd)));
        }
        return backtest;
    }

    /** P(X ≥ k) for X ~ Binomial(n, p), summed in log space: {@code (1 − p)^n} underflows for cohorts of thousands. */
    static double probabilityOfAtLeast(int k, int n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n || p <= 0.0) {
            return 0.0;
        }
        if (p >= 1.0) {
            return 1.0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logTerm = k * logP + (n - k) * logQ;
        for (int i = 1; i <= k; i++) {
            logTerm += Math.log((double) (n - k + i) / i);
        }
        double logSum = logTerm;
        for (int i = k; i < n; i++) {
            logTerm += Math.log((double) (n - i) / (i + 1)) + logP - logQ;
            double high = Math.max(logSum, logTerm);
            logSum = high + Math.log1p(Math.exp(Math.min(logSum, logTerm) - high));
        }
        return Math.min(1.0, Math.exp(logSum));
    }

    private static String band(Grade grade) {
        double lower = grade.ordinal() == 0 ? 0.0 : Grade.values()[grade.ordinal() - 1].pdUpperBoundExclusive();
        double upper = grade.pdUpperBoundExclusive();
        return "[" + percent(lower) + ", " + (Double.isInfinite(upper) ? "100%]" : percent(upper) + ")");
    }

    private static String percent(double share) {
        return java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
    }
}
