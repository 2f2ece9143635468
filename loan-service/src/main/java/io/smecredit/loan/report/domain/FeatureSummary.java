package io.smecredit.loan.report.domain;

import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.ScoreReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One feature value behind the score, explained by the feature dictionary.")
public record FeatureSummary(
        @Schema(example = "utilisation_30d") String feature,
        @Schema(example = "0.42") Double value,
        @Schema(example = "run / (run + idle + down) seconds") String meaning,
        @Schema(example = "share") String unit,
        @Schema(description = "Rolling window in days, absent for point-in-time features", example = "30")
        Integer windowDays,
        @Schema(description = "A typical value range for a small manufacturer") Double typicalLow,
        Double typicalHigh) {

    public static FeatureSummary of(ScoreReason reason) {
        return FeatureDictionary.find(reason.feature())
                .map(d -> new FeatureSummary(reason.feature(), reason.value(), d.meaning(), d.unit(), d.windowDays(),
                        d.typicalLow(), d.typicalHigh()))
                .orElseGet(() -> new FeatureSummary(reason.feature(), reason.value(), null, null, null, null, null));
    }
}
