package io.smecredit.scoring.model.service;

import io.smecredit.model.ParityReport;
import io.smecredit.scoring.model.domain.RegisteredModel;

/** A model after promotion, with the parity evidence that allowed it and the model it displaced, if any. */
public record PromotionOutcome(RegisteredModel model, ParityReport parity, String displacedVersion) {
}
