package io.smecredit.loan.alert.domain;

import java.time.Instant;

/**
 * A bank's alert webhook. The signing secret is stored sealed and never read back for display, so {@code secret} is
 * present only right after it was issued, and null otherwise.
 */
public record Webhook(String url, String secret, Instant updatedAt) {
}
