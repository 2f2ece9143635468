package io.smecredit.loan.consent.service;

import io.smecredit.loan.consent.domain.Consent;

import java.time.Instant;

/**
 * A consent as a use case saw it: its status is the one at {@code asOf} (a consent expires without a write), and its
 * bank is named as the registry names it.
 */
public record ConsentAsOf(Consent consent, String bankName, Instant asOf) {
}
