package io.smecredit.ingestion.telemetry.domain;

import java.time.Duration;

/** The limits a telemetry batch and its events must respect; also stated in the API description and docs. */
public final class TelemetryLimits {

    /** Larger batches are refused whole (413) so one request cannot hold a worker and the producer for long. */
    public static final int MAX_EVENTS_PER_BATCH = 10_000;

    /**
     * Largest body accepted, counted after gzip decompression (a full batch of 10,000 events is about 2.5 MB).
     * Counting decompressed bytes keeps a small compressed body from expanding into gigabytes in memory.
     */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /**
     * The reporting interval: one event covers at most one hour of one machine. run + idle + down seconds above this
     * mean the gateway double-counted or merged intervals, which would inflate utilisation.
     */
    public static final double MAX_REPORTING_INTERVAL_SECONDS = 3600;

    /** Gateways' clocks drift; anything later than this ahead of our clock is a broken clock, not drift. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * How late an event may arrive (gateways buffer while offline). Older events are refused: feature snapshots of
     * past days are final after this window, and the dedup memory of the feature engine must outlive it.
     */
    public static final Duration MAX_LATENESS = Duration.ofDays(7);

    public static final int MAX_EVENT_ID_LENGTH = 128;

    /**
     * Most units one event may report: about 2,800 a second over the longest interval, beyond any machine a small
     * manufacturer runs. A larger count is a counter fault or wrap-around (4,294,967,295 from a 32-bit register),
     * and accepted it would swamp the SME's output features for 90 days; summed, it could even overflow.
     */
    public static final long MAX_UNITS_PER_EVENT = 10_000_000;

    /** Most energy one event may report: 10 MW for the longest interval, ten times a large SME machine's draw. */
    public static final double MAX_ENERGY_KWH_PER_EVENT = 10_000;

    private TelemetryLimits() {
    }
}
