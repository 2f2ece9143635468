package io.smecredit.ingestion.telemetry.mqtt;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import io.smecredit.ingestion.telemetry.service.TelemetryIngestionService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Gateways that speak MQTT publish the same event JSON (one event or an array) to factories/{smeId}/telemetry. The
 * broker's ACL already limits each gateway to its own SME's topic; here the event must also name that SME, and then
 * it takes exactly the HTTP path: same validation, same topics, same dead letters.
 *
 * <p>Messages are handled concurrently on a worker pool of their own ({@value #WORKERS}, max-concurrency in
 * application.properties): each one waits for Kafka's acknowledgement (acks=all, a few milliseconds), so handling them
 * one after another capped the channel near a hundred messages per second and let the connector's buffer overflow
 * under a faster feed. Order between messages does not matter: features are built from event time and event ids.
 */
@ApplicationScoped
public class MqttTelemetryConsumer {

    static final String WORKERS = "mqtt-telemetry";
    private static final Logger LOG = Logger.getLogger(MqttTelemetryConsumer.class);

    private final TelemetryIngestionService ingestion;

    public MqttTelemetryConsumer(TelemetryIngestionService ingestion) {
        this.ingestion = ingestion;
    }

    @Incoming("telemetry-mqtt")
    @Blocking(value = WORKERS, ordered = false)
    public void consume(byte[] payload, ReceivingMqttMessageMetadata message) {
        ingestion.ingestMqtt(message.getTopic(), payload)
                // There is no gateway to answer 503 to: keep the message until Kafka is back rather than drop it.
                // Event ids make the retried publish safe.
                .onFailure().invoke(e -> LOG.warnf("MQTT telemetry on %s not stored yet, retrying: %s",
                        message.getTopic(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .await().indefinitely();
    }
}
