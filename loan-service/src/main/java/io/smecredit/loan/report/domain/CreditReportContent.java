package io.smecredit.loan.report.domain;

import io.smecredit.contracts.ScoreReason;

import java.time.Instant;
import java.util.List;

/**
 * What a credit report discloses about an SME to a bank holding its 'credit-report' consent.
 *
 * @param reasons         the principal reasons, strongest first, at most four
 * @param trend           the last score of each UTC month in the 12 months ending with the month of {@code asOf}
 * @param featuresSummary only with the 'features-summary' scope, otherwise null
 * @param featuresAsOf    only with the 'features-summary' scope and a known feature vector, otherwise null
 */
public record CreditReportContent(String smeId, int score, double pd, String grade, List<ScoreReason> reasons,
                                  List<MonthlyScore> trend, String modelVersion, Instant asOf,
                                  List<FeatureSummary> featuresSummary, Instant featuresAsOf) {
}
