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
 * @param exposurePerDailyUnit  exposure cap per unit of average daily output (in the application's currency)
 * @param exposureFeature       the feature measuring production scale
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
        Map<String, Integer> annualRateBpsByGrade) {

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
