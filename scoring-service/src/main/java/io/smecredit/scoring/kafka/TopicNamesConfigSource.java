package io.smecredit.scoring.kafka;

import io.smecredit.contracts.Topics;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Feeds the channel topic names from {@link Topics}, the single place topic names are written, instead of
 * repeating them as strings in application.properties.
 */
public class TopicNamesConfigSource implements ConfigSource {

    private static final Map<String, String> TOPICS = Map.of(
            "mp.messaging.incoming.features-in.topic", Topics.FEATURES.name(),
            "mp.messaging.outgoing.scores-out.topic", Topics.SCORES.name(),
            "mp.messaging.incoming.outcomes-in.topic", Topics.OUTCOMES.name(),
            "mp.messaging.outgoing.drift-alerts-out.topic", Topics.DRIFT_ALERTS.name());

    @Override
    public Map<String, String> getProperties() {
        return TOPICS;
    }

    @Override
    public Set<String> getPropertyNames() {
        return TOPICS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return TOPICS.get(propertyName);
    }

    @Override
    public String getName() {
        return "scoring-topic-names";
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250): nothing should override them, but an operator still could.
        return 200;
    }
}
