package io.smecredit.loan.report.stream;

import io.smecredit.common.kafka.TopicBindings;
import io.smecredit.contracts.Topics;

import java.util.Map;

/** The loan service's channels ({@code scores-in}, {@code features-in}, {@code outcomes-out}), bound to {@link Topics}. */
public class ScoresTopicConfigSource extends TopicBindings {

    public ScoresTopicConfigSource() {
        super("loan-topic-names", Map.of(
                "mp.messaging.incoming." + ScoreConsumer.CHANNEL + ".topic", Topics.SCORES.name(),
                "mp.messaging.incoming.features-in.topic", Topics.FEATURES.name(),
                "mp.messaging.outgoing.outcomes-out.topic", Topics.OUTCOMES.name()));
    }
}
