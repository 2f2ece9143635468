package io.smecredit.loan.application.service;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a bank reports happened to a credit, not yet validated: any field may be missing or wrong. */
public record OutcomeCommand(String type, LocalDate date, BigDecimal amount, Integer daysPastDue) {
}
