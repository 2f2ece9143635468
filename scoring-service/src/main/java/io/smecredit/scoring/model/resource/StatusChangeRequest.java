package io.smecredit.scoring.model.resource;

import io.smecredit.scoring.model.domain.StatusChangeReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of a rollback or retirement: why, recorded in the status history. */
public record StatusChangeRequest(
        @Schema(description = "Why, in the operator's words (optional; one line, at most "
                + StatusChangeReason.MAX_LENGTH + " characters); recorded in the status history.",
                maxLength = StatusChangeReason.MAX_LENGTH, example = "Early-warning rate doubled after the "
                + "promotion") String reason) {

    static String reasonOf(StatusChangeRequest request) {
        return StatusChangeReason.parse(request == null ? null : request.reason());
    }
}
