package io.smecredit.loan.application.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a decision is computed from, recorded with it. {@code score} fields are null when no score exists;
 * {@code features} holds only the features the policy reads.
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
        CreditPolicy policy) {
}
