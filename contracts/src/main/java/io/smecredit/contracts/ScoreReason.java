package io.smecredit.contracts;

/**
 * One principal reason behind a score: the feature, its value, how much it pushed the log-odds of default
 * (positive = towards default) and the plain-language text from the {@link FeatureDictionary}.
 */
public record ScoreReason(
        String feature,
        Double value,
        double contribution,
        String textEn,
        String textZh) {
}
