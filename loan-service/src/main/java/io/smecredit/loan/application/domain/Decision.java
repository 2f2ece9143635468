package io.smecredit.loan.application.domain;

import java.math.BigDecimal;
import java.util.List;

/** The result: outcome, the limit the platform supports, the suggested price and the reasons. */
public record Decision(Outcome outcome, BigDecimal limit, Integer annualRateBps, List<DecisionReason> reasons) {
}
