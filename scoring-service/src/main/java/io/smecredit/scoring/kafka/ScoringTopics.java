package io.smecredit.scoring.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smecredit.common.kafka.TopicProvisioner;
import io.smecredit.contracts.TopicSpec;
import io.smecredit.contracts.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;

/**
 * Creates the topics this service consumes and produces before its channels start: the messaging lifecycle
 * observes StartupEvent at priority 1000, this observer runs at 10. Brokers do not auto-create topics.
 */
@ApplicationScoped
public class ScoringTopics {

    public static final List<TopicSpec> USED = List.of(Topics.FEATURES, Topics.SCORES, Topics.OUTCOMES, Topics.DRIFT_ALERTS);

    private final String bootstrapServers;
    private final Map<String, Object> kafkaSettings;
    private final short replicationFactor;

    public ScoringTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings,
                         @ConfigProperty(name = "scoring.kafka.replication-factor") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaSettings = kafkaSettings;
        this.replicationFactor = replicationFactor;
    }

    void ensureTopics(@Observes @Priority(10) StartupEvent startup) {
        TopicProvisioner.ensureTopics(bootstrapServers, kafkaSettings, replicationFactor, USED);
    }
}
