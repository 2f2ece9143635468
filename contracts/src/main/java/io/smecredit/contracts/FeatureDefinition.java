package io.smecredit.contracts;

/**
 * One feature of the feature vector: what it measures, over which window, which way is riskier, and the plain
 * words a credit report uses when this feature pushes the score towards default.
 *
 * @param windowDays   the rolling window in days of event time, or {@code null} for a point-in-time feature
 * @param reasonEn     the principal-reason text in English, stating the risk ("is low"); {@link FeatureDictionary#reason}
 *                     says it, with the value, only of a value on the risky side, and names the measure and its value
 *                     otherwise; for a peer comparison every wording it can take, of which
 *                     {@link FeatureDictionary#reason} gives the one that is true of a value
 * @param reasonZh     the same in Simplified Chinese
 * @param typicalLow   a plausible low value for a small manufacturer (for simulation and sanity checks)
 * @param typicalHigh  a plausible high value
 */
public record FeatureDefinition(
        String name,
        String meaning,
        String unit,
        Integer windowDays,
        RiskDirection riskierWhen,
        String reasonEn,
        String reasonZh,
        double typicalLow,
        double typicalHigh) {
}
