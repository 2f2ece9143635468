package io.smecredit.ingestion.telemetry.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.smecredit.contracts.TelemetryDeadLetter;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.contracts.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes validated events to the telemetry topic and refused ones to the dead-letter topic, keyed by SME id so each
 * SME's events stay in order on one partition. The returned Uni completes only once every record is acknowledged by
 * all in-sync replicas, which is what lets the HTTP API promise durability (and no silent loss) when it answers 202.
 */
@ApplicationScoped
public class TelemetryPublisher {

    private final Producer<String, Object> producer;

    public TelemetryPublisher(ObjectMapper mapper,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @ConfigProperty(name = "ingestion.telemetry.delivery-timeout", defaultValue = "30s")
                              Duration deliveryTimeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingestion-telemetry-publisher");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        int lingerMs = 5;
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Bounded so an unreachable broker turns into a 503 for the gateway instead of a request hanging forever.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // Kafka insists on delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryTimeout.toMillis() - lingerMs, 15_000));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(deliveryTimeout.toMillis(), 10_000));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ObjectMapperSerializer<>(mapper));
    }

    /** Must be called off the event loop: send() blocks while the producer fetches metadata or its buffer is full. */
    public Uni<Void> publish(List<TelemetryEvent> accepted, List<TelemetryDeadLetter> deadLetters) {
        List<CompletableFuture<Void>> acknowledgements = new ArrayList<>(accepted.size() + deadLetters.size());
        accepted.forEach(event -> acknowledgements.add(send(Topics.TELEMETRY.name(), event.smeId(), event)));
        deadLetters.forEach(letter -> acknowledgements.add(send(Topics.TELEMETRY_DEAD_LETTER.name(), letter.smeId(), letter)));
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new)));
    }

    private CompletableFuture<Void> send(String topic, String key, Object value) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error != null) {
                    acknowledged.completeExceptionally(error);
                } else {
                    acknowledged.complete(null);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
