package io.smecredit.scoring.score.domain;

import io.smecredit.contracts.FeatureDefinition;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.ReasonText;
import io.smecredit.contracts.ScoreReason;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The principal reasons of a score: the features whose exact TreeSHAP contribution pushed the log-odds of
 * default up by at least {@link #MIN_CONTRIBUTION}, strongest first, at most {@link #MAX_REASONS}, one per
 * {@linkplain FeatureDictionary#reasonGroup reason group}: when several windows of one measure raised the risk, the
 * window that raised it most speaks for them (the demo's reports gave "Few machines were active over the last 7 days"
 * and "... over the last 90 days" as two of their reasons). Features that lowered the risk are never given as
 * reasons. Each reason carries the words of the feature dictionary for its value, never stating what the value
 * contradicts (an own measure states its risk only where the value is plainly risky and otherwise names the measure
 * and its value; a peer comparison says where the SME stands against its peers, {@link FeatureDictionary#reason}); a
 * feature the dictionary does not know (a model
 * trained on some CSV) or cannot put in words (a percentile outside 0–1 sent to the API) still gets a specific
 * sentence naming the feature and its value, and a missing value is said to be missing rather than worded as if it
 * were low or high.
 */
public final class PrincipalReasons {

    public static final int MAX_REASONS = 4;

    /**
     * The smallest contribution that makes a reason: half a score point (20 points double the odds, so half a point
     * is ln 2 / 40, about 0.017 in log-odds). A smaller push cannot move the score by a point; named as a principal
     * reason, it sent analysts looking into a feature that made no difference (the demo listed "Production output has
     * been falling over the last 7 days" for a contribution of 0.0004).
     */
    public static final double MIN_CONTRIBUTION = Math.log(2) / (2 * ScoreScale.POINTS_TO_DOUBLE_ODDS);

    private PrincipalReasons() {
    }

    /**
     * @param contributions one SHAP value per feature on the margin (log-odds), then the base value last
     */
    public static List<ScoreReason> of(List<String> featureNames, double[] row, double[] contributions) {
        if (contributions.length != featureNames.size() + 1 || row.length != featureNames.size()) {
            throw new IllegalArgumentException("Need one value and one contribution per feature, plus the base value");
        }
        List<Integer> raising = new ArrayList<>();
        for (int f = 0; f < featureNames.size(); f++) {
            if (contributions[f] >= MIN_CONTRIBUTION) {
                raising.add(f);
            }
        }
        raising.sort(Comparator.comparingDouble((Integer f) -> -contributions[f])
                .thenComparing(featureNames::get));
        Set<String> said = new HashSet<>();
        return raising.stream()
                .filter(f -> said.add(FeatureDictionary.reasonGroup(featureNames.get(f))))
                .limit(MAX_REASONS)
                .map(f -> reason(featureNames.get(f), row[f], contributions[f]))
                .toList();
    }

    static ScoreReason reason(String feature, double value, double contribution) {
        boolean missing = Double.isNaN(value);
        Double reported = missing ? null : value;
        Optional<FeatureDefinition> known = FeatureDictionary.find(feature);
        String cohortSuffix = feature.endsWith(FeatureDictionary.COHORT_Z_SUFFIX) ? FeatureDictionary.COHORT_Z_SUFFIX
                : feature.endsWith(FeatureDictionary.COHORT_PERCENTILE_SUFFIX) ? FeatureDictionary.COHORT_PERCENTILE_SUFFIX
                : null;
        if (missing && cohortSuffix != null) {
            // The SME did report: what is missing is a comparison, because its cohort is too small or all alike.
            // "No data was reported for ..._cohort_z" sent bank analysts looking for a gap in the factory's data.
            String base = feature.substring(0, feature.length() - cohortSuffix.length());
            String meaning = FeatureDictionary.find(base).map(d -> " (" + d.meaning() + ")").orElse("");
            int fewest = FeatureDictionary.MIN_COHORT_MEMBERS;
            return new ScoreReason(feature, null, contribution,
                    "No comparison with peers for " + base + meaning + ": its industry and region cohort has fewer than "
                            + fewest + " SMEs with this value, or they do not differ; the missing comparison itself"
                            + " raised the estimated risk",
                    "无法与同行业同地区企业比较" + base + "（有该数据的同组企业少于" + fewest + "家或数值无差异），"
                            + "比较缺失本身提高了风险估计");
        }
        if (missing) {
            // A feature is missing both when too little was reported and when it is undefined, e.g. energy per good
            // unit in a week without good units: "No data was reported" wrongly told an analyst the factory went silent.
            String meaning = known.map(d -> " (" + d.meaning() + ")").orElse("");
            return new ScoreReason(feature, null, contribution,
                    "No value for " + feature + meaning + ": too little data was reported in its window, or the figure"
                            + " is undefined there (a ratio with nothing to divide by, such as no good units); the"
                            + " missing value itself raised the estimated risk",
                    feature + "无数值：该时间窗内上报数据不足，或该指标无法计算（如比率的分母为零，例如没有合格产品）；"
                            + "数值缺失本身提高了风险估计");
        }
        Optional<ReasonText> words = FeatureDictionary.reason(feature, value);
        if (words.isPresent()) {
            return new ScoreReason(feature, reported, contribution, words.get().en(), words.get().zh());
        }
        String shown = format(value);
        return new ScoreReason(feature, reported, contribution,
                "The value " + shown + " of " + feature + " raised the estimated risk of default",
                feature + "的取值" + shown + "提高了违约风险估计");
    }

    /** Up to four significant digits, without exponent for everyday magnitudes: a person reads it. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4));
        return rounded.abs().compareTo(new BigDecimal("1e-6")) >= 0 && rounded.abs().compareTo(new BigDecimal("1e9")) < 0
                ? rounded.stripTrailingZeros().toPlainString()
                : rounded.stripTrailingZeros().toString();
    }
}
