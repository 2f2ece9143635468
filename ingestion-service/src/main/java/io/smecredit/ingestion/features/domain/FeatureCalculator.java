package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.FeatureNames;
import io.smecredit.contracts.FeatureVector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derives the schema-version-1 features from an SME's running totals. A ratio whose denominator is zero is left out
 * rather than reported as 0 or NaN: "no data" must not look like "worst possible" to a credit model, and NaN is not
 * valid JSON.
 */
public final class FeatureCalculator {

    private FeatureCalculator() {
    }

    public static FeatureVector vectorOf(String smeId, SmeTotals totals) {
        return new FeatureVector(smeId, totals.latestEventAt(), FeatureNames.SCHEMA_VERSION, features(totals));
    }

    public static Map<String, Double> features(SmeTotals totals) {
        Map<String, Double> features = new LinkedHashMap<>();
        double reportedSeconds = totals.runSeconds() + totals.idleSeconds() + totals.downSeconds();
        if (reportedSeconds > 0) {
            features.put(FeatureNames.UTILISATION, totals.runSeconds() / reportedSeconds);
            features.put(FeatureNames.AVAILABILITY, (totals.runSeconds() + totals.idleSeconds()) / reportedSeconds);
        }
        if (totals.unitsProduced() > 0) {
            features.put(FeatureNames.QUALITY_RATE, 1.0 - (double) totals.unitsRejected() / totals.unitsProduced());
        }
        long goodUnits = totals.unitsProduced() - totals.unitsRejected();
        if (goodUnits > 0) {
            features.put(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT, totals.energyKwh() / goodUnits);
        }
        features.put(FeatureNames.ACTIVE_MACHINES, (double) totals.machineIds().size());
        return features;
    }
}
