package io.smecredit.scoring.model.resource;

import java.time.Instant;

/**
 * Which platform history to train on: snapshots with asOf in [{@code from}, {@code to}) (defaults: all of it up to
 * now), and whether to run the small hyperparameter search (slower).
 */
public record TrainingRequest(Instant from, Instant to, Boolean hyperparameterSearch) {
}
