package io.smecredit.ingestion.features.stream;

import io.smecredit.contracts.TelemetryEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;

/**
 * Drops an event whose (SME id, event id) was already seen within the retention period. Gateways retry batches after
 * a 503 or a lost answer, so the same event can be on the topic more than once; without this it would be counted
 * twice in the totals. The window store forgets ids after the retention period, bounding its size. Each drop is
 * reported to {@code onDuplicate}: the intake can count only repeats within one batch, so a retry storm or a double
 * send over two channels is visible only here.
 */
final class DuplicateEventFilter implements FixedKeyProcessor<String, TelemetryEvent, TelemetryEvent> {

    private final String storeName;
    private final long retentionMs;
    private final Runnable onDuplicate;
    private FixedKeyProcessorContext<String, TelemetryEvent> context;
    private WindowStore<String, Long> seen;

    DuplicateEventFilter(String storeName, Duration retention, Runnable onDuplicate) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.onDuplicate = onDuplicate;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TelemetryEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, TelemetryEvent> record) {
        String id = record.key() + '\u0000' + record.value().eventId();
        long at = record.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(id, at - retentionMs, at + retentionMs)) {
            if (earlier.hasNext()) {
                onDuplicate.run();
                return;
            }
        }
        seen.put(id, at, at);
        context.forward(record);
    }
}
