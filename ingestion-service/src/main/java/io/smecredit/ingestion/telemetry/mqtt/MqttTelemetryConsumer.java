package io.smecredit.ingestion.telemetry.mqtt;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.mqtt.MqttMessage;
import io.smecredit.ingestion.telemetry.service.TelemetryIngestionService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Gateways that speak MQTT publish the same event JSON (one event or an array) to factories/{smeId}/telemetry. The
 * broker's ACL already limits each gateway to its own SME's topic; here the event must also name that SME, and then
 * it takes exactly the HTTP path: same validation, same topics, same dead letters.
 */
@ApplicationScoped
public class MqttTelemetryConsumer {

    private static final Logger LOG = Logger.getLogger(MqttTelemetryConsumer.class);

    private final TelemetryIngestionService ingestion;

    public MqttTelemetryConsumer(TelemetryIngestionService ingestion) {
        this.ingestion = ingestion;
    }

    @Incoming("telemetry-mqtt")
    public Uni<Void> consume(MqttMessage<byte[]> message) {
        return ingestion.ingestMqtt(message.getTopic(), message.getPayload())
                // There is no gateway to answer 503 to: keep the message (and those behind it) until Kafka is back,
                // rather than drop it. Event ids make the retried publish safe.
                .onFailure().invoke(e -> LOG.warnf("MQTT telemetry on %s not stored yet, retrying: %s",
                        message.getTopic(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid()
                .call(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
