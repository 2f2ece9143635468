package io.smecredit.ingestion.features.stream;

import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.features.domain.FeatureCalculator;
import io.smecredit.ingestion.features.domain.SmeTotals;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * telemetry (keyed by SME) → drop repeated event ids → running totals per SME → feature vector per SME.
 * The input is already keyed by SME id, so grouping needs no repartition topic.
 */
public final class FeatureTopology {

    public static final String SEEN_EVENTS_STORE = "seen-event-ids";
    public static final String TOTALS_STORE = "sme-totals";

    private FeatureTopology() {
    }

    public static Topology build(Serde<TelemetryEvent> telemetrySerde, Serde<SmeTotals> totalsSerde,
                                 Serde<FeatureVector> featureSerde, Duration dedupRetention) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_EVENTS_STORE, dedupRetention, dedupRetention, false),
                Serdes.String(), Serdes.Long()));

        builder.stream(Topics.TELEMETRY.name(), Consumed.with(Serdes.String(), telemetrySerde))
                // Only the ingestion API writes this topic, but a record without key or metrics would poison the totals.
                .filter((smeId, event) -> smeId != null && event != null && event.eventId() != null
                        && event.machineId() != null && event.timestamp() != null && event.metrics() != null)
                .processValues(() -> new DuplicateEventFilter(SEEN_EVENTS_STORE, dedupRetention), SEEN_EVENTS_STORE)
                .groupByKey(Grouped.with(Serdes.String(), telemetrySerde))
                .aggregate(SmeTotals::empty, (smeId, event, totals) -> totals.add(event),
                        Materialized.<String, SmeTotals, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(totalsSerde))
                .toStream()
                .mapValues(FeatureCalculator::vectorOf)
                .to(Topics.FEATURES.name(), Produced.with(Serdes.String(), featureSerde));
        return builder.build();
    }
}
