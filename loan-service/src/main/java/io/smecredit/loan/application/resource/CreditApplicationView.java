package io.smecredit.loan.application.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.loan.application.domain.CreditApplication;
import io.smecredit.loan.application.domain.DecisionReason;
import io.smecredit.loan.application.service.DecidedApplication;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A credit application with its immutable decision.")
public record CreditApplicationView(
        UUID id,
        String bankId,
        String smeId,
        String product,
        BigDecimal amount,
        String currency,
        int termMonths,
        Instant createdAt,
        DecisionView decision,
        @Schema(description = "Version of the model whose score the decision used (absent without a score).")
        String modelVersion,
        @Schema(description = "Version of the credit policy rules applied.") String policyVersion,
        @Schema(description = "Everything the decision was computed from: score, PD, grade, features read, "
                + "the policy rules themselves and the decision time. Recomputing from these gives the same decision. "
                + "Its members features (the SME's feature values the policy read) and featuresAsOf (their as-of "
                + "time) are the SME's production figures: they are present only while the bank holds a valid "
                + "consent of the SME with scope 'features-summary' (checked at each answer; a replay of the 201 "
                + "leaves them out once the bank no longer holds it). The decision record keeps them.")
        JsonNode inputs) {

    static CreditApplicationView of(DecidedApplication decided) {
        CreditApplication a = decided.application();
        return new CreditApplicationView(a.id(), a.bankId(), a.smeId(), a.product(), a.amount(), a.currency(),
                a.termMonths(), a.createdAt(), new DecisionView(a.decision(), a.limitAmount(), a.priceRateBps(),
                decided.reasons()), a.modelVersion(), a.policyVersion(), decided.inputs());
    }

    @Schema(description = "The decision.")
    public record DecisionView(
            @Schema(enumeration = {"APPROVE", "DECLINE", "REFER"}) String outcome,
            @Schema(description = "The limit the platform supports (0 when declined).") BigDecimal limit,
            @Schema(description = "Suggested annual interest rate in basis points, by grade (null when declined).")
            Integer annualRateBps,
            @Schema(description = "Policy and model reasons for a decline or referral.") List<DecisionReason> reasons) {
    }
}
