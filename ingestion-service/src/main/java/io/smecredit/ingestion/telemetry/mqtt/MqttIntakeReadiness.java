package io.smecredit.ingestion.telemetry.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while subscribed, as the SmallRye MQTT channel's readiness was: an instance cut off from the broker takes
 * no MQTT telemetry. Nothing is lost meanwhile (the broker keeps the persistent session's messages), so this is not a
 * liveness failure; the client keeps reconnecting with back-off.
 */
@Readiness
@ApplicationScoped
public class MqttIntakeReadiness implements HealthCheck {

    private final MqttTelemetryConsumer consumer;

    public MqttIntakeReadiness(MqttTelemetryConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        MqttTelemetryClient client = consumer.client();
        return HealthCheckResponse.named("mqtt-telemetry")
                .status(client.isSubscribed())
                .withData("broker", client.settings().host() + ":" + client.settings().port())
                .withData("subscription", client.settings().topic())
                .withData("unacknowledged", client.unacknowledged())
                .build();
    }
}
