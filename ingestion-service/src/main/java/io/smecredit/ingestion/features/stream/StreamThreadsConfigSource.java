package io.smecredit.ingestion.features.stream;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Supplies {@code ingestion.features.default-stream-threads}: one feature stream thread per available core, at most
 * one per telemetry partition (a thread without a task only idles). application.properties uses it as the default of
 * {@code KAFKA_STREAMS_THREADS}; a properties file cannot compute it. Low ordinal, so any explicit setting wins.
 */
public class StreamThreadsConfigSource implements ConfigSource {

    static final String PROPERTY = "ingestion.features.default-stream-threads";
    private static final int TELEMETRY_PARTITIONS = io.smecredit.contracts.Topics.TELEMETRY.partitions();

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, Integer.toString(defaultThreads()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? Integer.toString(defaultThreads()) : null;
    }

    @Override
    public String getName() {
        return "ingestion-stream-threads";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }

    static int defaultThreads() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), TELEMETRY_PARTITIONS));
    }
}
