package io.smecredit.loan.application.domain;

import io.smecredit.contracts.ScoreReason;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy rules plus the score → a decision. A pure function of its inputs, so a stored decision can be recomputed
 * from its recorded inputs and must come out the same.
 */
public final class DecisionEngine {

    public static final String DAYS_WITHOUT_OUTPUT_FEATURE = "days_since_output";
    private static final BigDecimal LIMIT_STEP = new BigDecimal("100");

    private DecisionEngine() {
    }

    public static Decision decide(DecisionInputs in, List<ScoreReason> modelReasons) {
        CreditPolicy policy = in.policy();
        List<DecisionReason> declines = new ArrayList<>();
        List<DecisionReason> referrals = new ArrayList<>();

        if (in.grade() == null) {
            referrals.add(DecisionReason.policy("NO_SCORE", "No credit score exists for this SME yet."));
        } else {
            String minimum = policy.minimumGrade().get(in.product());
            if (minimum != null && CreditPolicy.worseThan(in.grade(), minimum)) {
                declines.add(DecisionReason.policy("GRADE_BELOW_MINIMUM", "Grade " + in.grade()
                        + " is below the minimum grade " + minimum + " for " + in.product() + "."));
            } else if (CreditPolicy.worseThan(in.grade(), policy.referBelowGrade())) {
                referrals.add(DecisionReason.policy("GRADE_NEEDS_REVIEW", "Grade " + in.grade()
                        + " needs a credit officer's review."));
            }
        }
        // Stale data: a score or production figures older than the policy allows say nothing reliable about today;
        // a feature vector weeks old can still say days_since_output = 0 and so hide a stopped production.
        Instant oldestAllowed = in.decidedAt().minus(Duration.ofDays(policy.maxDataAgeDays()));
        List<DecisionReason> stale = policy.effectiveStaleDataOutcome() == Outcome.DECLINE ? declines : referrals;
        if (in.scoreAsOf() != null && in.scoreAsOf().isBefore(oldestAllowed)) {
            stale.add(DecisionReason.policy("STALE_DATA", "The latest score is based on data from "
                    + in.scoreAsOf() + ", older than " + policy.maxDataAgeDays() + " days."));
        }
        if (policy.judgesFeatureAge() && in.featuresAsOf() != null && in.featuresAsOf().isBefore(oldestAllowed)) {
            stale.add(DecisionReason.policy("STALE_DATA", "The latest production data are from "
                    + in.featuresAsOf() + ", older than " + policy.maxDataAgeDays() + " days."));
        }
        Integer maxTerm = policy.maxTermMonths().get(in.product());
        if (maxTerm != null && in.termMonths() > maxTerm) {
            declines.add(DecisionReason.policy("TERM_TOO_LONG", "A term of " + in.termMonths()
                    + " months exceeds the maximum of " + maxTerm + " for " + in.product() + "."));
        }
        Double daysWithoutOutput = in.features().get(DAYS_WITHOUT_OUTPUT_FEATURE);
        if (daysWithoutOutput != null && daysWithoutOutput > policy.maxDaysWithoutOutput()) {
            declines.add(DecisionReason.policy("PRODUCTION_STOPPED", "Production has stopped for "
                    + Math.round(daysWithoutOutput) + " days, more than " + policy.maxDaysWithoutOutput() + "."));
        }
        BigDecimal cap = exposureCap(in);
        if (cap == null) {
            referrals.add(DecisionReason.policy("NO_PRODUCTION_DATA",
                    "No production data to size the exposure (" + policy.exposureFeature() + ")."));
        } else if (in.amount().compareTo(cap) > 0) {
            referrals.add(DecisionReason.policy("EXPOSURE_CAP", "The amount exceeds the exposure cap of " + cap
                    + " " + in.currency() + " for this SME's production scale."));
        }

        Integer rate = in.grade() == null ? null : policy.annualRateBpsByGrade().get(in.grade());
        if (!declines.isEmpty()) {
            List<DecisionReason> reasons = new ArrayList<>(declines);
            modelReasons.stream().limit(4)
                    .map(r -> DecisionReason.model(r.feature(), r.textEn(), r.textZh()))
                    .forEach(reasons::add);
            return new Decision(Outcome.DECLINE, BigDecimal.ZERO.setScale(2), null, List.copyOf(reasons));
        }
        BigDecimal limit = cap == null ? in.amount() : in.amount().min(cap);
        limit = limit.setScale(2, RoundingMode.DOWN);
        if (!referrals.isEmpty()) {
            return new Decision(Outcome.REFER, limit, rate, List.copyOf(referrals));
        }
        return new Decision(Outcome.APPROVE, limit, rate, List.of());
    }

    /**
     * In the application's currency, rounded down to a whole hundred; null when the production scale is unknown. The
     * policy states the cap in its base currency; it is converted with the rate recorded in the inputs.
     */
    static BigDecimal exposureCap(DecisionInputs in) {
        Double dailyUnits = in.features().get(in.policy().exposureFeature());
        if (dailyUnits == null || !Double.isFinite(dailyUnits) || dailyUnits < 0) {
            return null;
        }
        BigDecimal inBase = in.policy().exposurePerDailyUnit().multiply(BigDecimal.valueOf(dailyUnits));
        BigDecimal raw = in.fxRateToBase() == null ? inBase : inBase.divide(in.fxRateToBase(), 2, RoundingMode.DOWN);
        return raw.divide(LIMIT_STEP, 0, RoundingMode.DOWN).multiply(LIMIT_STEP).setScale(2);
    }
}
