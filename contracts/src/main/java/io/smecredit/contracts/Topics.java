package io.smecredit.contracts;

import java.util.List;

/**
 * The one place where cross-service topics, their partition counts and retention style are named.
 * Schemas are documented in docs/events.md; a breaking schema change gets a new topic version suffix.
 */
public final class Topics {

    /** Validated production telemetry ({@link TelemetryEvent}), keyed by SME id. */
    public static final TopicSpec TELEMETRY = new TopicSpec("telemetry.events.v1", 6, false);

    /** Latest feature vector per SME ({@link FeatureVector}); compacted so a new consumer gets every SME's latest. */
    public static final TopicSpec FEATURES = new TopicSpec("sme.features.v1", 6, true);

    /** Credit scores ({@link ScoreEvent}), one per scored feature vector. */
    public static final TopicSpec SCORES = new TopicSpec("credit.scores.v1", 6, false);

    /** Credit outcomes ({@link OutcomeEvent}) reported by banks or written by the simulator's history mode. */
    public static final TopicSpec OUTCOMES = new TopicSpec("credit.outcomes.v1", 6, false);

    public static final List<TopicSpec> ALL = List.of(TELEMETRY, FEATURES, SCORES, OUTCOMES);

    private Topics() {
    }
}
