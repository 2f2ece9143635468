package io.smecredit.portal.accesslog.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * One audit record about the owner's SME as loan-service's {@code GET /api/v1/me/access-log} returns it.
 *
 * @param actorType {@code bank}, {@code sme} or {@code operator}
 * @param actor     the bank id, or the SME user
 * @param details   loan-service's details of the record (for a consent: {@code bank=…; scopes=…; purpose=…})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoanAccessRecord(long seq, Instant at, String actorType, String actor, String action, String resourceId,
                               String details) {
}
