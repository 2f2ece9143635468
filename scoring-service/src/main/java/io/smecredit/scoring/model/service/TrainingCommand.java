package io.smecredit.scoring.model.service;

import java.time.Instant;

/**
 * Which platform history to train on: snapshots with asOf in [{@code from}, {@code to}) (defaults: all of it up to
 * now), and whether to run the small hyperparameter search (slower). Any field may be missing.
 */
public record TrainingCommand(Instant from, Instant to, Boolean hyperparameterSearch) {
}
