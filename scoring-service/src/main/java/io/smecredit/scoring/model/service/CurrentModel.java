package io.smecredit.scoring.model.service;

import io.smecredit.scoring.model.domain.ScoringModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The model that scores right now. Swapped as a whole, so a scoring call never sees half of two models. */
@ApplicationScoped
public class CurrentModel {

    private volatile ScoringModel model;

    public Optional<ScoringModel> get() {
        return Optional.ofNullable(model);
    }

    public ScoringModel require() {
        ScoringModel current = model;
        if (current == null) {
            throw new ModelNotLoadedException();
        }
        return current;
    }

    public void install(ScoringModel newModel) {
        this.model = newModel;
    }

    /** Scoring was asked for before the first model finished loading. */
    public static class ModelNotLoadedException extends IllegalStateException {
        public ModelNotLoadedException() {
            super("No scoring model is loaded yet");
        }
    }
}
