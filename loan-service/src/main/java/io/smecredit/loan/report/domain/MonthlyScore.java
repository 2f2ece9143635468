package io.smecredit.loan.report.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The last score of one calendar month (UTC).")
public record MonthlyScore(
        @Schema(example = "2026-10") String month,
        @Schema(example = "622") int score,
        @Schema(example = "0.0093") double pd,
        @Schema(example = "B") String grade,
        @Schema(description = "The model that scored it: where it differs from the previous month's, part of the"
                + " change comes from a new model, not from the factory.", example = "m-6c72ec1db7a9")
        String modelVersion) {
}
