package io.smecredit.scoring.model.health;

import io.smecredit.scoring.model.service.ServedModels;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Without a champion every feature vector would fail, so the instance is not ready until one is loaded. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private static final String NAME = "scoring-model";

    private final ServedModels served;

    public ModelReadiness(ServedModels served) {
        this.served = served;
    }

    @Override
    public HealthCheckResponse call() {
        ServedModels.Served now = served.current();
        return now.championIfLoaded()
                .map(champion -> HealthCheckResponse.named(NAME).up()
                        .withData("modelVersion", champion.version())
                        .withData("schemaVersion", champion.featureSchemaVersion())
                        .withData("challengerVersion", now.challengerIfAny().map(c -> c.version()).orElse("none"))
                        .build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).down().withData("reason", "no model loaded").build());
    }
}
