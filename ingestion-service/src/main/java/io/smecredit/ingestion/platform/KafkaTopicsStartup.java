package io.smecredit.ingestion.platform;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smecredit.common.kafka.TopicProvisioner;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.registry.service.SmeRegistryService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Brokers run with topic auto-creation off: the topics this service writes and reads must exist before the feature
 * stream starts (it waits for the topics in quarkus.kafka-streams.topics) and before the first batch is published.
 * Then the registry is republished, so the feature engine knows every SME's cohort, including the demo SMEs that the
 * database migration created without going through the API.
 */
@ApplicationScoped
public class KafkaTopicsStartup {

    private static final Logger LOG = Logger.getLogger(KafkaTopicsStartup.class);

    private final String bootstrapServers;
    private final Map<String, Object> kafkaSettings;
    private final short replicationFactor;
    private final SmeRegistryService registry;

    public KafkaTopicsStartup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings,
                              @ConfigProperty(name = "ingestion.kafka.replication-factor", defaultValue = "1")
                              short replicationFactor,
                              SmeRegistryService registry) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaSettings = kafkaSettings;
        this.replicationFactor = replicationFactor;
        this.registry = registry;
    }

    void ensureTopics(@Observes @Priority(10) StartupEvent startup) throws Throwable {
        TopicProvisioner.ensureTopics(bootstrapServers, kafkaSettings, replicationFactor,
                List.of(Topics.TELEMETRY, Topics.FEATURES, Topics.TELEMETRY_DEAD_LETTER, Topics.SME_REGISTRY));
        int published = VertxContextSupport.subscribeAndAwait(registry::announceAll);
        LOG.infof("Published %d SME registrations to %s", published, Topics.SME_REGISTRY.name());
    }
}
