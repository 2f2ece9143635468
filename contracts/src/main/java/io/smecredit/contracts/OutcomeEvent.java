package io.smecredit.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What happened to a credit after the decision, as reported by the bank, published on {@link Topics#OUTCOMES}
 * so that models can be trained on real labels. {@code type} is one of DISBURSED, REPAID, PAST_DUE, DEFAULTED.
 * {@code source} is "bank" for bank-reported outcomes and "simulator" for simulated history.
 */
public record OutcomeEvent(
        String eventId,
        String smeId,
        String applicationId,
        String bankId,
        String type,
        LocalDate date,
        BigDecimal amount,
        Integer daysPastDue,
        String source) {
}
