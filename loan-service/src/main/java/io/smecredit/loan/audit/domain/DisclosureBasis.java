package io.smecredit.loan.audit.domain;

import java.time.OffsetDateTime;

/**
 * What a credit-report answer prepared from memory relied on, checked by the audit commit in the same statement that
 * records the read: the consent is still valid for this bank and SME with scope 'credit-report', a valid consent with
 * 'features-summary' is held exactly when the answer includes the summary, and the SME's latest score (and, with the
 * summary, latest features) have not been written since the answer was read: the rows' {@code updated_at}, which
 * every applied write sets, also when a rescored day keeps its {@code asOf}. A read whose basis no longer holds is not
 * recorded and must not be served as prepared; the caller reads again from the database.
 *
 * @param scoreWrittenAt    when the SME's latest-score row shown was written
 * @param featuresWrittenAt when the latest-features row shown was written; null when the answer has no features
 *                          summary or no feature vector was known
 */
public record DisclosureBasis(String consentId, String bankId, String smeId, boolean withFeaturesSummary,
                              OffsetDateTime scoreWrittenAt, OffsetDateTime featuresWrittenAt) {
}
