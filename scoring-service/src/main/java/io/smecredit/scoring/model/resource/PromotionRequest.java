package io.smecredit.scoring.model.resource;

/** {@code as}: "champion" or "challenger". */
public record PromotionRequest(String as) {
}
