package io.smecredit.ingestion.platform;

import io.smecredit.common.kafka.TopicBindings;
import io.smecredit.contracts.Topics;

import java.util.Map;

/**
 * The topics ingestion's configuration names, bound to {@link Topics}: those the feature engine waits for before it
 * starts, and the features topic the point-in-time history reads.
 */
public class TopicNamesConfigSource extends TopicBindings {

    public TopicNamesConfigSource() {
        super("ingestion-topic-names", Map.of(
                "quarkus.kafka-streams.topics", Topics.TELEMETRY.name() + "," + Topics.SME_REGISTRY.name(),
                "mp.messaging.incoming.feature-snapshots.topic", Topics.FEATURES.name()));
    }
}
