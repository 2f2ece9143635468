package io.smecredit.scoring.model.resource;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The model's new status, the parity evidence (absent on rollback) and the model it displaced, if any. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromotionResponse(String version, String status, Parity parity, String displacedVersion) {

    public record Parity(boolean passed, int goldenRows, double maxAbsDifference, double tolerance) {
    }
}
