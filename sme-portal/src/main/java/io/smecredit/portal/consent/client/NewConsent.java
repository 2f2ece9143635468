package io.smecredit.portal.consent.client;

import java.time.Instant;
import java.util.List;

/** Body of a direct grant: {@code POST /api/v1/me/consents}. */
public record NewConsent(String bankId, String purpose, List<String> scopes, Instant expiresAt) {
}
