package io.smecredit.scoring.model.service;

import io.smecredit.scoring.model.domain.ScoringModel;

import java.time.Duration;

/** A trained model together with its serialised bytes (what its version hashes) and how long training took. */
public record TrainingResult(ScoringModel model, byte[] modelBytes, Duration trainingTime) {
}
