package io.smecredit.common.kafka;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Feeds the settings of a service that name a Kafka topic (its channels' {@code topic}, the streams it waits for) from
 * {@code io.smecredit.contracts.Topics}, the one place topic names are written, instead of repeating them as strings
 * in application.properties. A service lists its bindings in a subclass registered in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 */
public abstract class TopicBindings implements ConfigSource {

    private final String name;
    private final Map<String, String> properties;

    protected TopicBindings(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250): nothing there should name a topic, but an operator still could.
        return 200;
    }
}
