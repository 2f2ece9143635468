package io.smecredit.loan.alert.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * An early warning raised for one bank about one SME it monitors.
 *
 * @param id         increasing; also the feed's cursor
 * @param details    what changed, as the rule that raised the alert described it
 * @param occurredAt as-of time of the data that raised the alert
 */
public record Alert(long id, String smeId, AlertType type, JsonNode details, Instant occurredAt, Instant createdAt) {
}
