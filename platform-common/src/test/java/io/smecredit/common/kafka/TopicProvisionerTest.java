package io.smecredit.common.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topics are created before the service's own clients start, by an admin client of its own: against a broker that
 * requires TLS or SASL it must carry the same security settings, or the service cannot start.
 */
class TopicProvisionerTest {

    @Test
    void theAdminClientTakesTheResolvedBrokersAndTheSecuritySettingsAndNothingClientSpecific() {
        Map<String, Object> admin = TopicProvisioner.adminSettings("kafka-0:9093", Map.of(
                "bootstrap.servers", "127.0.0.1:9092",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "group.id", "loan-service",
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "acks", "all"));

        assertThat(admin).containsOnlyKeys("bootstrap.servers", "security.protocol", "sasl.mechanism",
                "sasl.jaas.config", "ssl.truststore.location", "default.api.timeout.ms");
        assertThat(admin).containsEntry("bootstrap.servers", "kafka-0:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12");
    }
}
