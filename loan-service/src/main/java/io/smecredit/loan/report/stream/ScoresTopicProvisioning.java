package io.smecredit.loan.report.stream;

import io.quarkus.runtime.StartupEvent;
import io.smecredit.common.kafka.TopicProvisioner;
import io.smecredit.contracts.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;

/**
 * Creates the topics this service consumes and produces before the messaging channels start. Brokers do not auto-create topics, and a
 * consumer subscribed to a missing topic only notices it after its next metadata refresh (minutes later).
 */
@ApplicationScoped
public class ScoresTopicProvisioning {

    private final String bootstrapServers;
    private final Map<String, Object> kafkaSettings;
    private final short replicationFactor;

    public ScoresTopicProvisioning(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings,
            @ConfigProperty(name = "loan.kafka.replication-factor") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaSettings = kafkaSettings;
        this.replicationFactor = replicationFactor;
    }

    // Reactive Messaging wires and subscribes its channels in a StartupEvent observer at LIBRARY_BEFORE;
    // a lower priority runs first.
    void ensureTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) StartupEvent startup) {
        TopicProvisioner.ensureTopics(bootstrapServers, kafkaSettings, replicationFactor,
                List.of(Topics.SCORES, Topics.FEATURES, Topics.OUTCOMES));
    }
}
