package io.smecredit.portal.consent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/** A consent as loan-service returns it; fields the portal does not show are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoanConsent(
        String id,
        String smeId,
        String bankId,
        String bankName,
        String purpose,
        List<String> scopes,
        String status,
        String requestedBy,
        Instant expiresAt,
        Instant createdAt,
        Instant validFrom) {
}
