package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.TelemetryEvent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the feature engine remembers about an SME beyond its day buckets.
 *
 * @param latestEventAt  newest event time seen: the vector's asOf (event time, so late events never move it back)
 * @param firstDataDay   first day with any telemetry: days before it are missing data, not production gaps
 * @param lastOutputDay  newest day with units produced, kept even after its bucket is purged
 */
public record SmeHistory(Instant latestEventAt, LocalDate firstDataDay, LocalDate lastOutputDay) {

    public static SmeHistory empty() {
        return new SmeHistory(null, null, null);
    }

    public SmeHistory add(TelemetryEvent event) {
        LocalDate day = DayBucket.dayOf(event);
        Instant latest = latestEventAt == null || event.timestamp().isAfter(latestEventAt) ? event.timestamp() : latestEventAt;
        LocalDate first = firstDataDay == null || day.isBefore(firstDataDay) ? day : firstDataDay;
        LocalDate lastOutput = lastOutputDay;
        if (event.metrics().unitsProduced() > 0 && (lastOutput == null || day.isAfter(lastOutput))) {
            lastOutput = day;
        }
        return new SmeHistory(latest, first, lastOutput);
    }
}
