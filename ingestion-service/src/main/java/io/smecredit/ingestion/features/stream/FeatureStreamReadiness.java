package io.smecredit.ingestion.features.stream;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Quarkus reports the Kafka Streams state only as liveness; readiness must also say whether the feature engine runs,
 * since telemetry accepted while it is dead would never turn into features. A rebalance is routine and stays ready,
 * otherwise every instance joining or leaving would flap readiness across the fleet.
 */
@Readiness
@ApplicationScoped
public class FeatureStreamReadiness implements HealthCheck {

    private final KafkaStreams streams;

    public FeatureStreamReadiness(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("feature-stream")
                .status(state.isRunningOrRebalancing())
                .withData("state", state.name())
                .build();
    }
}
