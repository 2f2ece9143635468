package io.smecredit.loan.application.service;

import java.math.BigDecimal;

/** A bank's credit application as it asked for it, not yet validated: any field may be missing or wrong. */
public record CreditApplicationCommand(String smeId, String product, BigDecimal amount, String currency,
                                       Integer termMonths) {
}
