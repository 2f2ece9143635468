package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.SmeProfile;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.telemetry.json.TelemetryEventJson;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * Stage 1, partitioned by SME (the telemetry topic's key, so no repartition): drop repeated event ids → add the event
 * to its day bucket → every emit interval, recompute the vector of each SME with new events from its buckets → look
 * up its cohort in the registry. Every aging interval, SMEs that fell silent are aged to the current day and
 * re-published, so their "as of now" features keep growing.
 * Stage 2, partitioned by cohort (one repartition topic): keep every member's latest cohort values → add the cohort
 * percentile and z-score features → publish the full vector, keyed by SME again, to the compacted features topic.
 *
 * <p>Every store is a persistent RocksDB store with a changelog topic, and the application runs exactly-once, so a
 * store update, the records it produced and the consumed offsets commit together: a crash or a broker restart
 * replays uncommitted input against the state as of the last commit, counting nothing twice.
 */
public final class FeatureTopology {

    public static final String SEEN_EVENTS_STORE = "seen-event-ids";
    public static final String DAY_BUCKETS_STORE = "sme-day-buckets";
    public static final String HISTORY_STORE = "sme-history";
    public static final String CHANGED_STORE = "sme-changed";
    public static final String REGISTRY_STORE = "sme-registry";
    public static final String SME_COHORT_STORE = "sme-cohort";
    public static final String COHORT_MEMBERS_STORE = "cohort-members";
    public static final String COHORT_REPARTITION = "features-by-cohort";
    public static final Duration DEFAULT_AGING_INTERVAL = Duration.ofHours(1);

    private FeatureTopology() {
    }

    /**
     * @param dedupRetention how long event ids are remembered; must exceed the late window, or a duplicate of a late
     *                       event could slip through
     * @param lateness       the intake's late window: buckets younger than 90 days plus this may still change
     * @param emitInterval   how often (wall clock) the vectors of SMEs with new events are recomputed and published
     */
    public static Topology build(ObjectMapper mapper, Duration dedupRetention, Duration lateness, Duration emitInterval) {
        return build(mapper, dedupRetention, lateness, emitInterval, DEFAULT_AGING_INTERVAL);
    }

    /**
     * @param agingInterval how often (wall clock) SMEs that fell silent are aged to the current day; also how long an
     *                      SME must have sent nothing to count as silent
     */
    public static Topology build(ObjectMapper mapper, Duration dedupRetention, Duration lateness, Duration emitInterval,
                                 Duration agingInterval) {
        return build(mapper, dedupRetention, lateness, emitInterval, agingInterval, () -> { });
    }

    /** As above, reporting every event dropped as a repeat of an already counted event id to {@code duplicateDropped}. */
    public static Topology build(ObjectMapper mapper, Duration dedupRetention, Duration lateness, Duration emitInterval,
                                 Duration agingInterval, Runnable duplicateDropped) {
        // Reading every telemetry record through data binding was a large share of the stream thread's time.
        TelemetryEventJson eventJson = new TelemetryEventJson(mapper);
        Serde<TelemetryEvent> telemetrySerde = Serdes.serdeFrom((topic, event) -> event == null ? null : eventJson.write(event),
                (topic, json) -> eventJson.read(json));
        Serde<FeatureVector> vectorSerde = new ObjectMapperSerde<>(FeatureVector.class, mapper);
        Serde<SmeProfile> profileSerde = new ObjectMapperSerde<>(SmeProfile.class, mapper);
        Serde<CohortUpdate> updateSerde = new ObjectMapperSerde<>(CohortUpdate.class, mapper);

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_EVENTS_STORE, dedupRetention, dedupRetention, false),
                Serdes.String(), Serdes.Long()));
        // Cached: an SME's day bucket, history and changed mark are updated by every event, but RocksDB and the
        // changelog see one write per key and commit (the cache is flushed before each exactly-once commit).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DAY_BUCKETS_STORE),
                Serdes.String(), BinaryStateSerdes.dayBuckets(mapper)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                Serdes.String(), BinaryStateSerdes.histories(mapper)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHANGED_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SME_COHORT_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COHORT_MEMBERS_STORE),
                Serdes.String(), new ObjectMapperSerde<>(CohortProcessor.CohortMember.class, mapper)));
        // The registry topic is compacted and is itself the store's changelog, hence no logging of its own.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGISTRY_STORE),
                        Serdes.String(), profileSerde).withLoggingDisabled(),
                Topics.SME_REGISTRY.name(), Consumed.with(Serdes.String(), profileSerde), RegistryLoader::new);

        KStream<String, CohortUpdate> assigned = builder
                .stream(Topics.TELEMETRY.name(), Consumed.with(Serdes.String(), telemetrySerde))
                // Only the ingestion API writes this topic, but a record without key or metrics would poison the state.
                .filter((smeId, event) -> smeId != null && event != null && event.eventId() != null
                        && event.machineId() != null && event.timestamp() != null && event.metrics() != null)
                .processValues(() -> new DuplicateEventFilter(SEEN_EVENTS_STORE, dedupRetention, duplicateDropped), SEEN_EVENTS_STORE)
                .process(() -> new DailyFeatureProcessor(DAY_BUCKETS_STORE, HISTORY_STORE, CHANGED_STORE, lateness,
                                emitInterval, agingInterval), DAY_BUCKETS_STORE, HISTORY_STORE, CHANGED_STORE)
                .process(() -> new CohortAssigner(REGISTRY_STORE, SME_COHORT_STORE), SME_COHORT_STORE);

        assigned.filter((smeId, update) -> update.cohort() == null)
                .mapValues(CohortUpdate::vector)
                .to(Topics.FEATURES.name(), Produced.with(Serdes.String(), vectorSerde));

        assigned.filter((cohort, update) -> update.cohort() != null)
                .repartition(Repartitioned.<String, CohortUpdate>as(COHORT_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(updateSerde))
                .process(() -> new CohortProcessor(COHORT_MEMBERS_STORE), COHORT_MEMBERS_STORE)
                .to(Topics.FEATURES.name(), Produced.with(Serdes.String(), vectorSerde));
        return builder.build();
    }

    /** Keeps the global registry store equal to the compacted registry topic (a null value removes an SME). */
    private static final class RegistryLoader implements Processor<String, SmeProfile, Void, Void> {

        private KeyValueStore<String, SmeProfile> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(REGISTRY_STORE);
        }

        @Override
        public void process(Record<String, SmeProfile> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
