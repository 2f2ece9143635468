package io.smecredit.scoring.model.health;

import io.smecredit.scoring.model.service.CurrentModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Without a model every feature vector would fail, so the instance is not ready until one is loaded. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private static final String NAME = "scoring-model";

    private final CurrentModel currentModel;

    public ModelReadiness(CurrentModel currentModel) {
        this.currentModel = currentModel;
    }

    @Override
    public HealthCheckResponse call() {
        return currentModel.get()
                .map(model -> HealthCheckResponse.named(NAME).up()
                        .withData("modelVersion", model.version())
                        .withData("schemaVersion", model.schemaVersion())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).down().withData("reason", "no model loaded").build());
    }
}
