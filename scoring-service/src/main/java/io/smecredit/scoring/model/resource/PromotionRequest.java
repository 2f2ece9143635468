package io.smecredit.scoring.model.resource;

import io.smecredit.scoring.model.domain.StatusChangeReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code as}: "champion" or "challenger"; {@code reason}: optional, recorded in the status history. */
public record PromotionRequest(
        @Schema(required = true, enumeration = {"champion", "challenger"}) String as,
        @Schema(description = "Why, in the operator's words (optional; one line, at most "
                + StatusChangeReason.MAX_LENGTH + " characters); recorded in the status history.",
                maxLength = StatusChangeReason.MAX_LENGTH, example = "Q4 retrain: AUC 0.81 vs 0.78 on the last "
                + "12 months") String reason) {
}
