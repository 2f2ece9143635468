package io.smecredit.scoring.model.resource;

import io.smecredit.scoring.model.service.TrainingCommand;

import java.time.Instant;

/**
 * Which platform history to train on: snapshots with asOf in [{@code from}, {@code to}) (defaults: all of it up to
 * now), and whether to run the small hyperparameter search (slower).
 */
public record TrainingRequest(Instant from, Instant to, Boolean hyperparameterSearch) {

    TrainingCommand command() {
        return new TrainingCommand(from, to, hyperparameterSearch);
    }
}
