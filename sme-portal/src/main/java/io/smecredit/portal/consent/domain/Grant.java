package io.smecredit.portal.consent.domain;

import java.time.Instant;
import java.util.List;

/** Access the owner gives a bank directly, without a request from it. */
public record Grant(String bankId, String purpose, List<Scope> scopes, Instant expiresAt) {
}
