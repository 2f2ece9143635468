package io.smecredit.scoring.support;

import io.smecredit.contracts.FeatureDefinition;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.RiskDirection;

import java.util.LinkedHashMap;
import java.util.Map;

/** Feature vectors of the dictionary's schema, placed along each feature's typical range by how risky they look. */
public final class TestVectors {

    public static final Map<String, Double> HEALTHY = atRisk(0.15);
    public static final Map<String, Double> SICK = atRisk(0.9);

    private TestVectors() {
    }

    /** Every dictionary feature at {@code share} of the way from its safe end (0) to its risky end (1). */
    public static Map<String, Double> atRisk(double share) {
        Map<String, Double> features = new LinkedHashMap<>();
        for (FeatureDefinition feature : FeatureDictionary.all()) {
            double span = feature.typicalHigh() - feature.typicalLow();
            double value = feature.riskierWhen() == RiskDirection.HIGHER_IS_RISKIER
                    ? feature.typicalLow() + share * span
                    : feature.typicalHigh() - share * span;
            features.put(feature.name(), value);
        }
        return features;
    }
}
