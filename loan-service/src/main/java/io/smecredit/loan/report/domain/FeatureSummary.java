package io.smecredit.loan.report.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smecredit.contracts.FeatureDictionary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One key production feature of the SME's latest feature vector, explained by the feature "
        + "dictionary.")
public record FeatureSummary(
        @Schema(example = "utilisation_30d") String feature,
        @Schema(example = "0.42") Double value,
        @Schema(description = "What the feature measures (feature dictionary).",
                example = "run / (run + idle + down) seconds, over the last 30 days") String meaning,
        @Schema(example = "share") String unit,
        @Schema(description = "Rolling window in days, absent for point-in-time features", example = "30")
        Integer windowDays,
        @Schema(description = "A typical value range for a small manufacturer") Double typicalLow,
        Double typicalHigh,
        @Schema(description = "The SME's percentile (0-1) for this feature within its industry × region cohort; "
                + "absent where the feature engine computes none, or the cohort has fewer than 5 SMEs with this value.",
                example = "0.35") Double cohortPercentile) {

    /**
     * The features every summary shows, in this order, when the vector has them: scale, use, quality, stability,
     * stoppages, cost and data coverage — what a credit officer reads first about a factory. Fixed so that banks can
     * rely on it; docs/bank-api.md lists it.
     */
    public static final List<String> KEY_FEATURES = List.of(
            "output_units_per_day_90d",
            "utilisation_30d",
            "quality_rate_30d",
            "output_trend_30d",
            "output_volatility_30d",
            "downtime_hours_per_day_30d",
            "energy_kwh_per_good_unit_30d",
            "days_since_output",
            "data_coverage_30d");

    /** The key features present (and finite) in {@code features}; empty when no vector is known. */
    public static List<FeatureSummary> of(Map<String, Double> features) {
        List<FeatureSummary> summary = new ArrayList<>(KEY_FEATURES.size());
        if (features == null) {
            return summary;
        }
        for (String name : KEY_FEATURES) {
            Double value = finite(features.get(name));
            if (value == null) {
                continue;
            }
            Double percentile = finite(features.get(name + FeatureDictionary.COHORT_PERCENTILE_SUFFIX));
            summary.add(FeatureDictionary.find(name)
                    .map(d -> new FeatureSummary(name, value, d.meaning(), d.unit(), d.windowDays(), d.typicalLow(),
                            d.typicalHigh(), percentile))
                    .orElseGet(() -> new FeatureSummary(name, value, null, null, null, null, null, percentile)));
        }
        return summary;
    }

    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }
}
