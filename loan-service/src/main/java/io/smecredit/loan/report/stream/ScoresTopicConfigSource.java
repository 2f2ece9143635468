package io.smecredit.loan.report.stream;

import io.smecredit.contracts.Topics;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Binds the {@code scores-in}, {@code features-in} and {@code outcomes-out} channels to the topics named in
 * {@code Topics}, so the topic name is written in
 * exactly one place for all services. Low ordinal: an explicit property or env var still wins.
 */
public class ScoresTopicConfigSource implements ConfigSource {

    static final String TOPIC_PROPERTY = "mp.messaging.incoming." + ScoreConsumer.CHANNEL + ".topic";

    private static final Map<String, String> PROPERTIES = Map.of(
            TOPIC_PROPERTY, Topics.SCORES.name(),
            "mp.messaging.incoming.features-in.topic", Topics.FEATURES.name(),
            "mp.messaging.outgoing.outcomes-out.topic", Topics.OUTCOMES.name());

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "contract-topics";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
