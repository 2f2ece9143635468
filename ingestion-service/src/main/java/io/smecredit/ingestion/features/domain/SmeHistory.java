package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.TelemetryEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the feature engine remembers about an SME beyond its day buckets.
 *
 * @param latestEventAt  newest event time seen (event time, so late events never move it back)
 * @param firstDataDay   first day with any telemetry: days before it are missing data, not production gaps
 * @param lastOutputDay  newest day with units produced, kept even after its bucket is purged
 * @param agedTo         set when the SME fell silent: the start of the day its vector was last aged to, so "as of
 *                       now" features (days since output, coverage, gaps) keep growing without new telemetry
 * @param lastReceivedAt when the SME's newest record reached the telemetry topic (intake time, not event time):
 *                       an SME whose telemetry is still arriving, however old its event times, is not silent
 */
public record SmeHistory(Instant latestEventAt, LocalDate firstDataDay, LocalDate lastOutputDay, Instant agedTo,
                         Instant lastReceivedAt) {

    public SmeHistory(Instant latestEventAt, LocalDate firstDataDay, LocalDate lastOutputDay) {
        this(latestEventAt, firstDataDay, lastOutputDay, null, null);
    }

    public static SmeHistory empty() {
        return new SmeHistory(null, null, null, null, null);
    }

    public SmeHistory add(TelemetryEvent event) {
        LocalDate day = DayBucket.dayOf(event);
        Instant latest = latestEventAt == null || event.timestamp().isAfter(latestEventAt) ? event.timestamp() : latestEventAt;
        LocalDate first = firstDataDay == null || day.isBefore(firstDataDay) ? day : firstDataDay;
        LocalDate lastOutput = lastOutputDay;
        if (event.metrics().unitsProduced() > 0 && (lastOutput == null || day.isAfter(lastOutput))) {
            lastOutput = day;
        }
        return new SmeHistory(latest, first, lastOutput, agedTo, lastReceivedAt);
    }

    public SmeHistory receivedAt(Instant receivedAt) {
        Instant newest = lastReceivedAt == null || receivedAt.isAfter(lastReceivedAt) ? receivedAt : lastReceivedAt;
        return new SmeHistory(latestEventAt, firstDataDay, lastOutputDay, agedTo, newest);
    }

    /** Moves the SME's asOf to the start of {@code day} (UTC): the windows then end with that day. */
    public SmeHistory agedTo(LocalDate day) {
        return new SmeHistory(latestEventAt, firstDataDay, lastOutputDay, day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                lastReceivedAt);
    }

    /**
     * The vector's asOf: the newest event time, or the start of the day the SME was last aged to if that is later.
     * Never moves back: neither a late event nor a resumed feed with earlier event times can lower it.
     */
    public Instant asOf() {
        if (agedTo == null) {
            return latestEventAt;
        }
        return latestEventAt == null || agedTo.isAfter(latestEventAt) ? agedTo : latestEventAt;
    }

    /** The day the SME's windows end with; null before its first event. */
    public LocalDate asOfDay() {
        Instant asOf = asOf();
        return asOf == null ? null : LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    }
}
