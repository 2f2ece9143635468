package io.smecredit.loan.report.resource;

import io.smecredit.loan.report.domain.LatestScore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "An SME's latest credit score as seen by a bank.")
public record CreditReport(
        @Schema(example = "sme-001") String smeId,
        @Schema(description = "Points scale; higher is better.", example = "712") int score,
        @Schema(description = "Calibrated one-year probability of default.", example = "0.023") double pd,
        @Schema(description = "Letter band of the score.", example = "B") String grade,
        @Schema(description = "Version of the model that produced the score.", example = "xgb-2024-05-01") String modelVersion,
        @Schema(description = "As-of time of the production data that was scored (ISO-8601).") Instant asOf) {

    static CreditReport of(LatestScore score) {
        return new CreditReport(score.smeId(), score.score(), score.pd(), score.grade(), score.modelVersion(),
                score.asOf());
    }
}
