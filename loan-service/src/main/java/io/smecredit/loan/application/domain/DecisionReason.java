package io.smecredit.loan.application.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a decision came out as it did. {@code source} is policy or model; policy reasons have a stable code, model
 * reasons name the feature (as in the credit report).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionReason(String source, String code, String feature, String textEn, String textZh) {

    public static DecisionReason policy(String code, String textEn) {
        return new DecisionReason("policy", code, null, textEn, null);
    }

    public static DecisionReason model(String feature, String textEn, String textZh) {
        return new DecisionReason("model", "MODEL_REASON", feature, textEn, textZh);
    }
}
