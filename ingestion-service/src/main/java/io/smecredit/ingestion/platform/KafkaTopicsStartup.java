package io.smecredit.ingestion.platform;

import io.quarkus.runtime.StartupEvent;
import io.smecredit.common.kafka.TopicProvisioner;
import io.smecredit.contracts.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Brokers run with topic auto-creation off: the topics this service writes and reads must exist before the feature
 * stream starts (it waits for the topics in quarkus.kafka-streams.topics) and before the first batch is published.
 */
@ApplicationScoped
public class KafkaTopicsStartup {

    private final String bootstrapServers;
    private final short replicationFactor;

    public KafkaTopicsStartup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @ConfigProperty(name = "ingestion.kafka.replication-factor", defaultValue = "1")
                              short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
    }

    void ensureTopics(@Observes @Priority(10) StartupEvent startup) {
        TopicProvisioner.ensureTopics(bootstrapServers, replicationFactor, List.of(Topics.TELEMETRY, Topics.FEATURES));
    }
}
