package io.smecredit.scoring.kafka;

import io.smecredit.common.kafka.TopicBindings;
import io.smecredit.contracts.Topics;

import java.util.Map;

/** Scoring's channels, bound to their topics in {@link Topics}. */
public class TopicNamesConfigSource extends TopicBindings {

    public TopicNamesConfigSource() {
        super("scoring-topic-names", Map.of(
                "mp.messaging.incoming.features-in.topic", Topics.FEATURES.name(),
                "mp.messaging.outgoing.scores-out.topic", Topics.SCORES.name(),
                "mp.messaging.incoming.outcomes-in.topic", Topics.OUTCOMES.name(),
                "mp.messaging.outgoing.drift-alerts-out.topic", Topics.DRIFT_ALERTS.name()));
    }
}
