package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.ingestion.features.domain.SmeTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

@ApplicationScoped
public class FeatureTopologyProducer {

    private final ObjectMapper mapper;
    private final Duration dedupRetention;

    public FeatureTopologyProducer(ObjectMapper mapper,
                                   @ConfigProperty(name = "ingestion.features.dedup-retention", defaultValue = "24h")
                                   Duration dedupRetention) {
        this.mapper = mapper;
        this.dedupRetention = dedupRetention;
    }

    /** Same ObjectMapper as the HTTP side, so Instants are ISO-8601 strings on every topic. */
    @Produces
    public Topology featureTopology() {
        return FeatureTopology.build(
                new ObjectMapperSerde<>(TelemetryEvent.class, mapper),
                new ObjectMapperSerde<>(SmeTotals.class, mapper),
                new ObjectMapperSerde<>(FeatureVector.class, mapper),
                dedupRetention);
    }
}
