package io.smecredit.loan.application.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A versioned set of policy rules, kept as data (credit-policy.json or the file in LOAN_POLICY_FILE) so risk teams
 * change rules by publishing a new version, never by changing code. The full policy is copied into every decision's
 * inputs, so an old decision can be recomputed after the policy has moved on.
 *
 * @param minimumGrade          worst grade per product that can still be approved or referred
 * @param referBelowGrade       grades worse than this (but within the minimum) go to a human
 * @param maxDaysWithoutOutput  knock-out: production stopped for longer than this
 * @param maxDataAgeDays        data older than this cannot support an automatic decision
 * @param exposurePerDailyUnit  exposure cap per unit of average daily output, in {@code baseCurrency}
 * @param exposureFeature       the feature measuring production scale
 * @param baseCurrency          the currency the policy's amounts are stated in (ISO 4217)
 * @param fxToBase              units of {@code baseCurrency} per unit of each currency applications may use; the
 *                              base currency itself maps to 1. A currency not listed cannot be applied for.
 * @param staleDataOutcome      DECLINE (a knock-out) or REFER for data older than {@code maxDataAgeDays}; null in
 *                              policies before 2026-12-v3, whose decisions referred stale data and must still
 *                              recompute that way
 * @param staleFeaturesCount    whether the age of the feature vector counts as well as the score's; null (false) in
 *                              policies before 2026-12-v3, which judged the score's age only
 */
public record CreditPolicy(
        String version,
        String description,
        Map<Product, String> minimumGrade,
        String referBelowGrade,
        int maxDaysWithoutOutput,
        int maxDataAgeDays,
        BigDecimal exposurePerDailyUnit,
        String exposureFeature,
        Map<Product, Integer> maxTermMonths,
        Map<String, Integer> annualRateBpsByGrade,
        String baseCurrency,
        Map<String, BigDecimal> fxToBase,
        Outcome staleDataOutcome,
        Boolean staleFeaturesCount) {

    /** What stale data leads to; policies that predate the setting referred it. */
    public Outcome effectiveStaleDataOutcome() {
        return staleDataOutcome == null ? Outcome.REFER : staleDataOutcome;
    }

    public boolean judgesFeatureAge() {
        return Boolean.TRUE.equals(staleFeaturesCount);
    }

    /** Base-currency units per unit of {@code currency}, or null when the policy cannot convert it. */
    public BigDecimal rateToBase(String currency) {
        if (fxToBase == null || currency == null) {
            return null;
        }
        BigDecimal rate = fxToBase.get(currency);
        return rate == null || rate.signum() <= 0 ? null : rate;
    }

    /** True when {@code grade} is worse than {@code bound}; grades are letters, A best. Unknown grades are worst. */
    public static boolean worseThan(String grade, String bound) {
        return rank(grade) > rank(bound);
    }

    private static int rank(String grade) {
        return grade != null && grade.length() == 1 && Character.isLetter(grade.charAt(0))
                ? Character.toUpperCase(grade.charAt(0)) - 'A'
                : Integer.MAX_VALUE;
    }
}
