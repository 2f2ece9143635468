package io.smecredit.ingestion.telemetry.domain;

import java.time.Duration;

/** The limits a telemetry batch and its events must respect; also stated in the API description. */
public final class TelemetryLimits {

    /** Larger batches are refused whole (413) so one request cannot hold a worker and the producer for long. */
    public static final int MAX_EVENTS_PER_BATCH = 10_000;

    /**
     * One event covers one reporting interval of at most an hour; run + idle + down seconds above this mean the
     * gateway double-counted or merged intervals, which would inflate utilisation.
     */
    public static final double MAX_REPORTING_INTERVAL_SECONDS = 3600;

    /** Gateways' clocks drift; anything later than this ahead of our clock is a broken clock, not drift. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public static final int MAX_EVENT_ID_LENGTH = 128;

    private TelemetryLimits() {
    }
}
