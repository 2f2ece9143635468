package io.smecredit.ingestion.telemetry.mqtt;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The MQTT intake's settings (application.properties, prefix ingestion.mqtt; each has an MQTT_* variable). */
@ConfigMapping(prefix = "ingestion.mqtt")
public interface MqttIntakeConfig {

    String host();

    int port();

    String username();

    String password();

    String topic();

    String clientId();

    boolean cleanSession();

    int workers();

    int maxMessageBytes();

    Duration reconnectMin();

    Duration reconnectMax();

    Duration drainTimeout();

    default MqttTelemetryClient.Settings settings() {
        return new MqttTelemetryClient.Settings(host(), port(), username(), password(), clientId(), cleanSession(),
                topic(), workers(), maxMessageBytes(), reconnectMin(), reconnectMax(), drainTimeout());
    }
}
