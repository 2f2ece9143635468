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

    /**
     * Model drift alerts ({@link DriftAlertEvent}) raised by the scoring service's daily monitoring, keyed by model
     * version (not an SME: drift is a property of a model's population). Low volume, so one partition keeps order.
     */
    public static final TopicSpec DRIFT_ALERTS = new TopicSpec("model.drift-alerts.v1", 1, false);

    /**
     * Telemetry the ingestion service refused ({@link TelemetryDeadLetter}), keyed by the SME id the event claimed
     * (or the MQTT topic's SME when the event named none), so no refused event is silently lost.
     */
    public static final TopicSpec TELEMETRY_DEAD_LETTER = new TopicSpec("telemetry.deadletter.v1", 6, false);

    /** SME registry entries ({@link SmeProfile}), keyed by SME id; compacted, the feature engine's cohort lookup. */
    public static final TopicSpec SME_REGISTRY = new TopicSpec("sme.registry.v1", 6, true);

    public static final List<TopicSpec> ALL = List.of(TELEMETRY, FEATURES, SCORES, OUTCOMES, DRIFT_ALERTS,
            TELEMETRY_DEAD_LETTER, SME_REGISTRY);

    private Topics() {
    }
}
