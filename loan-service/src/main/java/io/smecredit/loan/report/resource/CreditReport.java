package io.smecredit.loan.report.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smecredit.contracts.ScoreReason;
import io.smecredit.loan.report.domain.CreditReportContent;
import io.smecredit.loan.report.domain.FeatureSummary;
import io.smecredit.loan.report.domain.MonthlyScore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An SME's credit report as seen by a bank holding a valid 'credit-report' consent.")
public record CreditReport(
        @Schema(example = "sme-001") String smeId,
        @Schema(description = "300-900; 600 at good:bad odds of 50:1, 20 points to double them; higher is "
                + "better.", example = "624") int score,
        @Schema(description = "Calibrated one-year probability of default.", example = "0.0087") double pd,
        @Schema(description = "A-F by PD band (A below 0.5 %, B to 1 %, C to 2 %, D to 5 %, E to 10 %, F above); "
                + "it follows the PD, so at a band's edge one score can carry two grades.", example = "B") String grade,
        @Schema(description = "Up to four principal reasons, strongest first: the feature, its value, its "
                + "contribution to the log-odds of default (positive = riskier) and plain-language text in English "
                + "and Simplified Chinese.") List<ScoreReason> reasons,
        @Schema(description = "The last score of each calendar month (UTC) in the 12 months ending with the "
                + "month of asOf, oldest first; months without a score are absent.") List<MonthlyScore> trend,
        @Schema(description = "Version of the model that produced the score.", example = "m-6c72ec1db7a9")
        String modelVersion,
        @Schema(description = "As-of time of the production data that was scored (ISO-8601).") Instant asOf,
        @Schema(description = "Only with the 'features-summary' scope: key production features from the SME's "
                + "latest feature vector, in this fixed order when present: output_units_per_day_90d, "
                + "utilisation_30d, quality_rate_30d, output_trend_30d, output_volatility_30d, "
                + "downtime_hours_per_day_30d, energy_kwh_per_good_unit_30d, days_since_output, data_coverage_30d. "
                + "Each has its value, unit, window, typical range and plain-language meaning from the feature "
                + "dictionary, and its cohort percentile where one exists. Empty when no feature vector is known yet.")
        List<FeatureSummary> featuresSummary,
        @Schema(description = "Only with the 'features-summary' scope and a known feature vector: the as-of time of "
                + "the feature vector featuresSummary is taken from (ISO-8601); it may differ from asOf.")
        Instant featuresAsOf) {

    static CreditReport of(CreditReportContent c) {
        return new CreditReport(c.smeId(), c.score(), c.pd(), c.grade(), c.reasons(), c.trend(), c.modelVersion(),
                c.asOf(), c.featuresSummary(), c.featuresAsOf());
    }
}
