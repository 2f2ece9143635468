package io.smecredit.loan.application.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.loan.application.domain.CreditApplication;
import io.smecredit.loan.application.domain.DecisionReason;

import java.util.List;

/**
 * An application with its decision's reasons and inputs read back from the JSON they are recorded as. They are read
 * inside the use case's transaction, so that a record that cannot be read fails the whole use case, its audit record
 * and stored answer included.
 */
public record DecidedApplication(CreditApplication application, List<DecisionReason> reasons, JsonNode inputs) {
}
