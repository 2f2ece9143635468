package io.smecredit.ingestion.features.stream;

import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.ingestion.features.domain.DayBucket;
import io.smecredit.ingestion.features.domain.FeatureCalculator;
import io.smecredit.ingestion.features.domain.SmeHistory;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds each (deduplicated) event to its SME's bucket of its own event-time day and marks the SME as changed; every
 * emit interval (wall-clock punctuation) the vector of each changed SME is recomputed from the buckets of its asOf day
 * and the 90 complete days before it, and forwarded. Recomputing once per interval instead of once per event keeps the cost per event at one bucket
 * update however fast a factory reports, and publishes one vector per SME and interval rather than one per event.
 * The set of changed SMEs is a changelogged store, so under exactly-once a crash never loses a pending vector.
 *
 * <p>Buckets are keyed "smeId|yyyy-MM-dd", so one range scan reads an SME's window in day order. Out-of-order and late
 * events only change their own day's bucket; the vector's asOf never moves back. Buckets older than every window plus
 * the late window are deleted when an SME's asOf day moves on, which bounds the state per SME.
 *
 * <p>When an event moves an SME to a later day while a vector of the earlier day is still pending, that vector is
 * published first: every day with data gets its own vector (and so its own daily snapshot) even when a backfill passes
 * several days of an SME within one emit interval.
 *
 * <p>Silence: every aging interval (wall clock) an SME whose asOf lies before the current UTC day and from which no
 * telemetry arrived during the last aging interval is aged to the start of the current day and its vector
 * recomputed, so "as of now" features (days since output, data coverage, gaps) grow while a factory sends nothing —
 * the firm a lender most needs to see. Wall clock rather than stream time: stream time only advances with new records
 * on the SME's own partition, which a silent SME does not send.
 */
final class DailyFeatureProcessor implements Processor<String, TelemetryEvent, String, FeatureVector> {

    private final String bucketStoreName;
    private final String historyStoreName;
    private final String changedStoreName;
    private final Duration emitInterval;
    private final Duration agingInterval;
    private final long keepDays;
    private ProcessorContext<String, FeatureVector> context;
    private KeyValueStore<String, DayBucket> buckets;
    private KeyValueStore<String, SmeHistory> histories;
    private KeyValueStore<String, Long> changed;
    /**
     * What this processor last wrote to the history and bucket stores, and the SMEs it has marked changed, since the
     * last emit. Profiling showed the stores' get (a cache lookup and a deserialization) and the repeated changed mark
     * as much of the per-event cost; an SME's events arrive in bursts, so most events find their SME and day here.
     * Every change is still written to the stores at once (they and their changelogs stay the exactly-once state);
     * these maps only spare reading back what was just written. They are emptied at every emit (bounding them to one
     * interval's SMEs) and whenever the task is (re)initialised or closed, when the stores may have been restored.
     */
    private final Map<String, SmeHistory> writtenHistories = new HashMap<>();
    private final Map<String, DayBucket> writtenBuckets = new HashMap<>();
    private final Set<String> markedChanged = new HashSet<>();

    DailyFeatureProcessor(String bucketStoreName, String historyStoreName, String changedStoreName,
                          Duration lateness, Duration emitInterval, Duration agingInterval) {
        this.bucketStoreName = bucketStoreName;
        this.historyStoreName = historyStoreName;
        this.changedStoreName = changedStoreName;
        this.emitInterval = emitInterval;
        this.agingInterval = agingInterval;
        this.keepDays = FeatureCalculator.MAX_WINDOW_DAYS + lateness.toDays() + 1;
    }

    static String bucketKey(String smeId, LocalDate day) {
        return smeId + '|' + day;
    }

    @Override
    public void init(ProcessorContext<String, FeatureVector> context) {
        this.context = context;
        this.buckets = context.getStateStore(bucketStoreName);
        this.histories = context.getStateStore(historyStoreName);
        this.changed = context.getStateStore(changedStoreName);
        forgetWrites();
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emitChanged);
        context.schedule(agingInterval, PunctuationType.WALL_CLOCK_TIME, this::ageSilentSmes);
    }

    @Override
    public void process(Record<String, TelemetryEvent> record) {
        String smeId = record.key();
        TelemetryEvent event = record.value();
        LocalDate day = DayBucket.dayOf(event);

        SmeHistory before = writtenHistories.containsKey(smeId) ? writtenHistories.get(smeId) : histories.get(smeId);
        SmeHistory history = (before == null ? SmeHistory.empty() : before).add(event)
                .receivedAt(Instant.ofEpochMilli(record.timestamp()));
        LocalDate beforeDay = before == null ? null : before.asOfDay();
        if (beforeDay != null && history.asOfDay().isAfter(beforeDay)) {
            if (markedChanged.contains(smeId) || changed.get(smeId) != null) {
                context.forward(new Record<>(smeId, vectorOf(smeId, before), record.timestamp()));
            }
            purgeBefore(smeId, history.asOfDay().minusDays(keepDays));
        }

        String key = bucketKey(smeId, day);
        DayBucket bucket = writtenBuckets.containsKey(key) ? writtenBuckets.get(key) : buckets.get(key);
        DayBucket updated = (bucket == null ? DayBucket.empty(day) : bucket).add(event);
        buckets.put(key, updated);
        writtenBuckets.put(key, updated);
        histories.put(smeId, history);
        writtenHistories.put(smeId, history);
        // The mark's value is never read, only its presence: one write per SME and interval is enough.
        if (markedChanged.add(smeId)) {
            changed.put(smeId, record.timestamp());
        }
    }

    @Override
    public void close() {
        forgetWrites();
    }

    private void forgetWrites() {
        writtenHistories.clear();
        writtenBuckets.clear();
        markedChanged.clear();
    }

    private void emitChanged(long now) {
        forgetWrites();
        List<String> smeIds = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = changed.all()) {
            all.forEachRemaining(entry -> smeIds.add(entry.key));
        }
        for (String smeId : smeIds) {
            SmeHistory history = histories.get(smeId);
            if (history != null && history.asOf() != null) {
                context.forward(new Record<>(smeId, vectorOf(smeId, history), now));
            }
            changed.delete(smeId);
        }
    }

    private void ageSilentSmes(long now) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        Instant quietSince = Instant.ofEpochMilli(now).minus(agingInterval);
        List<KeyValue<String, SmeHistory>> silent = new ArrayList<>();
        try (KeyValueIterator<String, SmeHistory> all = histories.all()) {
            all.forEachRemaining(entry -> {
                SmeHistory history = entry.value;
                if (history.asOfDay() != null && history.asOfDay().isBefore(today)
                        && (history.lastReceivedAt() == null || !history.lastReceivedAt().isAfter(quietSince))) {
                    silent.add(entry);
                }
            });
        }
        forgetWrites();
        for (KeyValue<String, SmeHistory> entry : silent) {
            histories.put(entry.key, entry.value.agedTo(today));
            purgeBefore(entry.key, today.minusDays(keepDays));
            changed.put(entry.key, now);
        }
    }

    private FeatureVector vectorOf(String smeId, SmeHistory history) {
        LocalDate asOfDay = history.asOfDay();
        List<DayBucket> window = new ArrayList<>();
        try (KeyValueIterator<String, DayBucket> days = buckets.range(
                bucketKey(smeId, asOfDay.minusDays(FeatureCalculator.MAX_WINDOW_DAYS)), bucketKey(smeId, asOfDay))) {
            days.forEachRemaining(entry -> window.add(entry.value));
        }
        return new FeatureVector(smeId, history.asOf(), FeatureDictionary.SCHEMA_VERSION,
                FeatureCalculator.features(asOfDay, window, history));
    }

    private void purgeBefore(String smeId, LocalDate firstKept) {
        List<String> expired = new ArrayList<>();
        // "smeId|" is the smallest key of this SME; SME ids cannot contain '|', so no other SME's keys fall in between.
        try (KeyValueIterator<String, DayBucket> old = buckets.range(smeId + '|', bucketKey(smeId, firstKept.minusDays(1)))) {
            old.forEachRemaining((KeyValue<String, DayBucket> entry) -> expired.add(entry.key));
        }
        expired.forEach(key -> {
            buckets.delete(key);
            writtenBuckets.remove(key);
        });
    }
}
