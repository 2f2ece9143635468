package io.smecredit.common.kafka;

import io.smecredit.contracts.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics a service needs, exactly as {@code Topics} specifies them. Brokers run with topic
 * auto-creation off, so a topic never appears with the wrong partition count or cleanup policy.
 * Safe to call from several services at once: an existing topic is left as it is.
 */
public final class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, short replicationFactor, Collection<TopicSpec> topics) {
        ensureTopics(bootstrapServers, Map.of(), replicationFactor, topics);
    }

    /**
     * @param bootstrapServers the brokers, as the service's config resolves {@code kafka.bootstrap.servers}
     * @param clientSettings   the service's Kafka client settings (Quarkus' {@code default-kafka-broker} map: every
     *                         {@code kafka.*} property and {@code KAFKA_*} variable), for the same TLS or SASL settings
     *                         as the service's own clients
     */
    public static void ensureTopics(String bootstrapServers, Map<String, Object> clientSettings,
                                    short replicationFactor, Collection<TopicSpec> topics) {
        try (Admin admin = Admin.create(adminSettings(bootstrapServers, clientSettings))) {
            for (TopicSpec spec : topics) {
                create(admin, spec, replicationFactor);
            }
        }
    }

    /**
     * The brokers and the connection's security settings; consumer- and producer-only settings stay out. The address
     * is the resolved config value, not the map's: the map merges {@code kafka.bootstrap.servers} and
     * {@code KAFKA_BOOTSTRAP_SERVERS} without their precedence (a test's own broker lost to the environment's).
     */
    static Map<String, Object> adminSettings(String bootstrapServers, Map<String, Object> clientSettings) {
        Map<String, Object> admin = new HashMap<>();
        clientSettings.forEach((key, value) -> {
            if (key.equals(AdminClientConfig.SECURITY_PROTOCOL_CONFIG)
                    || key.equals(AdminClientConfig.CLIENT_DNS_LOOKUP_CONFIG)
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return admin;
    }

    private static void create(Admin admin, TopicSpec spec, short replicationFactor) {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            admin.createTopics(java.util.List.of(topic)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created topic %s with %d partitions", spec.name(), spec.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create Kafka topic " + spec.name(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topic " + spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + spec.name(), e);
        }
    }
}
