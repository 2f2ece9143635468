package io.smecredit.loan.application.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a decision is computed from, recorded with it. {@code score} fields are null when no score exists;
 * {@code features} holds only the features the policy reads. {@code fxRateToBase} is the policy's rate used to
 * convert the application's currency into the policy's base currency (base units per unit), null only in decisions
 * recorded before policies carried FX rates (they compared amounts without conversion).
 */
public record DecisionInputs(
        Product product,
        BigDecimal amount,
        String currency,
        int termMonths,
        Integer score,
        Double pd,
        String grade,
        String modelVersion,
        Instant scoreAsOf,
        Map<String, Double> features,
        Instant featuresAsOf,
        Instant decidedAt,
        CreditPolicy policy,
        BigDecimal fxRateToBase) {
}
