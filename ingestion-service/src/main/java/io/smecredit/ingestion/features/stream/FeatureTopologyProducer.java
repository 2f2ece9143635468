package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smecredit.ingestion.telemetry.domain.TelemetryLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

@ApplicationScoped
public class FeatureTopologyProducer {

    private static final Logger LOG = Logger.getLogger(FeatureTopologyProducer.class);

    private final ObjectMapper mapper;
    private final Duration dedupRetention;
    private final Duration emitInterval;
    private final Duration agingInterval;
    private final Counter duplicatesDropped;

    public FeatureTopologyProducer(ObjectMapper mapper, MeterRegistry meters,
                                   @ConfigProperty(name = "ingestion.features.dedup-retention", defaultValue = "8d")
                                   Duration dedupRetention,
                                   @ConfigProperty(name = "ingestion.features.emit-interval", defaultValue = "100ms")
                                   Duration emitInterval,
                                   @ConfigProperty(name = "ingestion.features.aging-interval", defaultValue = "1h")
                                   Duration agingInterval) {
        if (dedupRetention.compareTo(TelemetryLimits.MAX_LATENESS) <= 0) {
            throw new IllegalArgumentException("ingestion.features.dedup-retention (" + dedupRetention
                    + ") must exceed the late window of " + TelemetryLimits.MAX_LATENESS.toDays() + " days");
        }
        this.mapper = mapper;
        this.dedupRetention = dedupRetention;
        this.emitInterval = emitInterval;
        this.agingInterval = agingInterval;
        this.duplicatesDropped = Counter.builder("ingestion.features.duplicates.dropped")
                .description("Events the feature engine dropped as repeats of an event id it already counted "
                        + "(retries across batches, channels and restarts)")
                .register(meters);
    }

    /** Same ObjectMapper as the HTTP side, so Instants are ISO-8601 strings on every topic. */
    @Produces
    public Topology featureTopology() {
        return FeatureTopology.build(mapper, dedupRetention, TelemetryLimits.MAX_LATENESS, emitInterval, agingInterval,
                duplicatesDropped::increment);
    }

    /**
     * A stream thread that hits an unexpected error (e.g. a broker outage outlasting its timeouts) is replaced rather
     * than the whole feature engine shut down: under exactly-once the new thread resumes from the last commit.
     */
    @Produces
    public StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return error -> {
            LOG.errorf(error, "Feature stream thread failed; replacing it");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }
}
