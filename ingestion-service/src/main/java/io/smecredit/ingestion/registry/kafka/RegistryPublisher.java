package io.smecredit.ingestion.registry.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.SmeProfile;
import io.smecredit.contracts.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes SME registrations to the compacted registry topic, from which the feature engine learns each SME's
 * industry × region cohort. PostgreSQL stays the source of truth; the whole registry is republished at startup, so a
 * registration whose publish failed is repaired by the next start (the topic is compacted, repeats are harmless).
 */
@ApplicationScoped
public class RegistryPublisher {

    private final Producer<String, SmeProfile> producer;

    public RegistryPublisher(ObjectMapper mapper, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "ingestion-registry-publisher",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                new StringSerializer(), new ObjectMapperSerializer<>(mapper));
    }

    /** Blocks while metadata is fetched: call off the event loop. */
    public Uni<Void> publish(Collection<SmeProfile> profiles) {
        CompletableFuture<?>[] acknowledgements = profiles.stream().map(profile -> {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(Topics.SME_REGISTRY.name(), profile.smeId(), profile), (metadata, error) -> {
                if (error != null) {
                    acknowledged.completeExceptionally(error);
                } else {
                    acknowledged.complete(null);
                }
            });
            return acknowledged;
        }).toArray(CompletableFuture[]::new);
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acknowledgements));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
