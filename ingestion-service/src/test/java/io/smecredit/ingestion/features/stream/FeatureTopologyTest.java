package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.SmeProfile;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.contracts.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the real feature topology (Kafka Streams' TopologyTestDriver executes it with real RocksDB stores, without a
 * broker) on small fixed event sets whose features were worked out by hand.
 */
class FeatureTopologyTest {

    private static final Instant ARRIVAL = Instant.parse("2025-03-10T12:00:00Z");
    private static final Duration EMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration AGING_INTERVAL = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private TopologyTestDriver driver;
    private TestInputTopic<String, TelemetryEvent> telemetry;
    private TestInputTopic<String, SmeProfile> registry;
    private TestOutputTopic<String, FeatureVector> features;
    private Instant arrival = ARRIVAL;

    private final java.util.concurrent.atomic.AtomicInteger duplicatesDropped = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void startTopology() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "feature-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // The driver's wall clock is the punctuations' clock: it starts at ARRIVAL and moves only when a test moves it.
        driver = new TopologyTestDriver(FeatureTopology.build(mapper, Duration.ofDays(8), Duration.ofDays(7), EMIT_INTERVAL,
                AGING_INTERVAL, duplicatesDropped::incrementAndGet), config, ARRIVAL);
        telemetry = driver.createInputTopic(Topics.TELEMETRY.name(), new StringSerializer(), new ObjectMapperSerializer<>(mapper));
        registry = driver.createInputTopic(Topics.SME_REGISTRY.name(), new StringSerializer(), new ObjectMapperSerializer<>(mapper));
        features = driver.createOutputTopic(Topics.FEATURES.name(), new StringDeserializer(),
                new ObjectMapperDeserializer<>(FeatureVector.class, mapper));
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void computesHandCheckedFeaturesFromOutOfOrderLateAndRepeatedEvents() {
        register("sme-a", "metal", "north");
        // Arrival order: oldest first, then the first minutes of the asOf day, then three late days (the last of
        // them the complete day before asOf), then a gateway retry of a late event. The events are those of
        // FeatureCalculatorTest.
        send(event("e-1", "sme-a", "m-3", "2025-01-20T08:00:00Z", 3600, 0, 0, 200, 0, 40));
        send(event("e-5", "sme-a", "m-1", "2025-03-11T00:00:00Z", 900, 300, 0, 40, 2, 5));
        send(event("e-2", "sme-a", "m-1", "2025-03-10T10:00:00Z", 1800, 1200, 600, 100, 4, 12));
        send(event("e-3", "sme-a", "m-1", "2025-03-05T10:00:00Z", 0, 3600, 0, 0, 0, 1));
        send(event("e-4", "sme-a", "m-2", "2025-03-09T10:00:00Z", 3000, 0, 600, 50, 6, 18));
        send(event("e-4", "sme-a", "m-2", "2025-03-09T10:00:00Z", 3000, 0, 600, 50, 6, 18));

        List<FeatureVector> vectors = vectorsOf("sme-a");

        assertThat(vectors).as("one vector per distinct event; the retry changes nothing").hasSize(5);
        assertThat(duplicatesDropped).as("the retry is counted as a dropped duplicate").hasValue(1);
        FeatureVector latest = vectors.get(4);
        assertThat(latest.schemaVersion()).isEqualTo(FeatureDictionary.SCHEMA_VERSION);
        assertThat(latest.asOf()).as("late events never move asOf back").isEqualTo(Instant.parse("2025-03-11T00:00:00Z"));
        assertThat(latest.features().get("utilisation_1d")).isCloseTo(0.75, within(1e-9));
        assertThat(latest.features().get("utilisation_7d")).isCloseTo(4800.0 / 10800, within(1e-9));
        assertThat(latest.features().get("output_units_per_day_7d")).isCloseTo(50, within(1e-9));
        assertThat(latest.features().get("output_trend_90d")).isCloseTo(-5037.5 / 1670.75 / 87.5, within(1e-9));
        assertThat(latest.features().get("energy_kwh_per_good_unit_90d")).isCloseTo(71.0 / 340, within(1e-9));
        assertThat(latest.features().get("longest_gap_days_90d")).isEqualTo(47.0);
        assertThat(latest.features().get("active_machines_change")).isEqualTo(-1.0);
        assertThat(latest.features().keySet()).as("alone in its cohort: no comparison")
                .noneMatch(name -> name.contains("_cohort_"));
        assertThat(latest.features().keySet()).allMatch(name -> FeatureDictionary.find(name).isPresent());
        // Before the late events arrived, the 7-day window (03-04 … 03-10) was empty; then it held 03-10 only.
        assertThat(vectors.get(1).features()).doesNotContainKey("utilisation_7d");
        assertThat(vectors.get(2).features().get("utilisation_7d")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void expressesKeyFeaturesRelativeToTheSmesIndustryAndRegionCohort() {
        List.of("sme-a", "sme-b", "sme-d", "sme-e", "sme-f").forEach(sme -> register(sme, "metal", "north"));
        register("sme-c", "food", "north");
        sendUtilisation("d-1", "sme-d", "2025-03-09T08:00:00Z", 0.25);
        sendUtilisation("e-1", "sme-e", "2025-03-09T08:00:00Z", 0.75);
        sendUtilisation("f-1", "sme-f", "2025-03-09T08:00:00Z", 0.75);
        sendUtilisation("a-1", "sme-a", "2025-03-09T08:00:00Z", 0.5);
        assertThat(last("sme-a").features().keySet()).as("four metal SMEs with data are too few to compare with")
                .noneMatch(name -> name.contains("_cohort_"));
        sendUtilisation("c-1", "sme-c", "2025-03-09T08:00:00Z", 0.9);
        sendUtilisation("b-1", "sme-b", "2025-03-09T08:00:00Z", 0.25);

        // metal|north: 0.5, 0.25, 0.25, 0.75, 0.75 (mean 0.5, population variance 0.05)
        FeatureVector b = last("sme-b");
        assertThat(b.features()).containsEntry("utilisation_30d_cohort_pct", 0.2);
        assertThat(b.features().get("utilisation_30d_cohort_z")).isCloseTo(-0.25 / Math.sqrt(0.05), within(1e-9));
        assertThat(last("sme-c").features().keySet()).as("food is another market: sme-c has no peers yet")
                .noneMatch(name -> name.contains("_cohort_"));

        sendUtilisation("a-2", "sme-a", "2025-03-09T09:00:00Z", 1.0); // sme-a's 30 days: 0.75
        // metal|north: 0.75, 0.25, 0.25, 0.75, 0.75 (mean 0.55, population variance 0.06)
        FeatureVector a = last("sme-a");
        assertThat(a.features()).containsEntry("utilisation_30d_cohort_pct", 0.7);
        assertThat(a.features().get("utilisation_30d_cohort_z")).isCloseTo(0.2 / Math.sqrt(0.06), within(1e-9));
    }

    @Test
    void anSmeMovedToAnotherCohortLeavesItsOldOne() {
        List.of("sme-a", "sme-b", "sme-d", "sme-e", "sme-f").forEach(sme -> register(sme, "metal", "north"));
        List.of("sme-c", "sme-g", "sme-h", "sme-i").forEach(sme -> register(sme, "food", "north"));
        List.of("sme-b", "sme-d", "sme-e", "sme-f", "sme-a")
                .forEach(sme -> sendUtilisation(sme + "-1", sme, "2025-03-09T08:00:00Z", 0.5));
        List.of("sme-c", "sme-g", "sme-h", "sme-i")
                .forEach(sme -> sendUtilisation(sme + "-1", sme, "2025-03-09T08:00:00Z", 0.9));
        assertThat(last("sme-a").features()).as("five in metal|north").containsEntry("utilisation_30d_cohort_pct", 0.5);

        register("sme-b", "food", "north");
        sendUtilisation("b-2", "sme-b", "2025-03-09T09:00:00Z", 0.0); // sme-b's 30 days: 0.25
        sendUtilisation("a-2", "sme-a", "2025-03-09T09:00:00Z", 0.5);

        assertThat(last("sme-b").features()).as("the lowest of five in food|north")
                .containsEntry("utilisation_30d_cohort_pct", 0.1);
        assertThat(last("sme-a").features().keySet()).as("four left in metal|north")
                .noneMatch(name -> name.contains("_cohort_"));
    }

    @Test
    void publishesAnSmeNotYetInTheRegistryWithoutCohortFeatures() {
        send(event("x-1", "sme-x", "m-1", "2025-03-10T08:00:00Z", 1800, 1800, 0, 10, 0, 1));

        FeatureVector vector = last("sme-x");
        assertThat(vector.features()).containsEntry("utilisation_1d", 0.5);
        assertThat(vector.features().keySet()).noneMatch(name -> name.contains("_cohort_"));
    }

    /**
     * One hour of one machine with the given share of the hour running and the rest idle, and the SME's first
     * (empty) report of the next day: the 30-day window, which the cohort compares, holds the complete days before
     * the day of asOf.
     */
    private void sendUtilisation(String eventId, String smeId, String time, double runningShare) {
        double run = 3600 * runningShare;
        send(event(eventId, smeId, "m-1", time, run, 3600 - run, 0, 10, 0, 1));
        String nextMidnight = Instant.parse(time).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).toString();
        send(event(eventId + "-next-day", smeId, "m-1", nextMidnight, 0, 0, 0, 0, 0, 0));
    }

    private void register(String smeId, String industry, String region) {
        registry.pipeInput(smeId, new SmeProfile(smeId, smeId + " Ltd", industry, region));
    }

    private int sent;

    private void send(TelemetryEvent event) {
        sent++;
        arrival = arrival.plusSeconds(1);
        telemetry.pipeInput(new TestRecord<>(event.smeId(), event, arrival));
        driver.advanceWallClockTime(EMIT_INTERVAL);
    }

    @Test
    void publishesOneVectorPerSmeAndEmitIntervalHoweverManyEventsArrived() {
        register("sme-a", "metal", "north");
        // Fifty reports of one unit each, the first of them a reject: a vector with all of them reads quality 1 - 1/50.
        for (int i = 0; i < 50; i++) {
            telemetry.pipeInput(new TestRecord<>("sme-a", event("burst-" + i, "sme-a", "m-1",
                    "2025-03-10T08:00:00Z", 60, 0, 0, 1, i == 0 ? 1 : 0, 1), ARRIVAL));
        }
        assertThat(vectorsOf("sme-a")).as("nothing before the interval ends").isEmpty();

        driver.advanceWallClockTime(EMIT_INTERVAL);

        assertThat(vectorsOf("sme-a")).singleElement()
                .satisfies(vector -> assertThat(vector.features().get("quality_rate_1d")).isCloseTo(1 - 1.0 / 50, within(1e-12)));
        driver.advanceWallClockTime(EMIT_INTERVAL);
        assertThat(vectorsOf("sme-a")).as("no new events, no new vector").hasSize(1);
    }

    @Test
    void agesASilentSmeSoItsDaysSinceOutputKeepGrowing() {
        register("sme-a", "metal", "north");
        register("sme-b", "metal", "north");
        // sme-a produces on 03-10 and then falls silent. Wall clock: 03-10 12:00:01.
        send(event("a-1", "sme-a", "m-1", "2025-03-10T08:00:00Z", 3600, 0, 0, 100, 0, 10));
        assertThat(last("sme-a").features()).containsEntry("days_since_output", 0.0)
                .as("no complete day of telemetry yet").containsEntry("data_coverage_7d", 0.0);
        // sme-b's gateway is still delivering (a buffered backlog of old event times), ten minutes before the clock
        // passes 03-12 11:00: it is not silent and must not be aged.
        Instant agingRun = ARRIVAL.plus(Duration.ofHours(47));
        telemetry.pipeInput(new TestRecord<>("sme-b", event("b-1", "sme-b", "m-1", "2025-03-10T09:00:00Z",
                3600, 0, 0, 50, 0, 5), agingRun.minus(Duration.ofMinutes(10))));

        driver.advanceWallClockTime(Duration.between(arrivalClock(), agingRun));
        driver.advanceWallClockTime(EMIT_INTERVAL);

        FeatureVector aged = last("sme-a");
        assertThat(aged.asOf()).as("aged to the start of the clock's day").isEqualTo(Instant.parse("2025-03-12T00:00:00Z"));
        assertThat(aged.features())
                .containsEntry("days_since_output", 2.0)
                .as("03-11; the gap window ends before the asOf day").containsEntry("longest_gap_days_30d", 1.0)
                .containsEntry("data_coverage_7d", 1.0 / 7)
                .containsEntry("utilisation_7d", 1.0)
                .as("no data on the asOf day").doesNotContainKey("utilisation_1d");
        assertThat(last("sme-b").asOf()).as("still sending: not aged").isEqualTo(Instant.parse("2025-03-10T09:00:00Z"));

        // A late event for 03-11 now arrives: it fills its own day, asOf stays on the aged day.
        send(event("a-2", "sme-a", "m-1", "2025-03-11T08:00:00Z", 3600, 0, 0, 80, 0, 8));
        FeatureVector afterLate = last("sme-a");
        assertThat(afterLate.asOf()).isEqualTo(Instant.parse("2025-03-12T00:00:00Z"));
        assertThat(afterLate.features()).containsEntry("days_since_output", 1.0)
                .containsEntry("data_coverage_7d", 2.0 / 7);
    }

    @Test
    void publishesTheLastVectorOfEachDayEvenWhenSeveralDaysPassWithinOneEmitInterval() {
        register("sme-a", "metal", "north");
        // A backfill: three days of one SME arrive within one emit interval.
        for (String day : List.of("2025-03-01", "2025-03-02", "2025-03-03")) {
            for (int hour = 8; hour < 10; hour++) {
                // Running from 08:00, idle from 09:00: a vector with both events of its day reads utilisation 0.5.
                double run = hour == 8 ? 3600 : 0;
                telemetry.pipeInput(new TestRecord<>("sme-a", event("bf-" + day + "-" + hour, "sme-a", "m-1",
                        day + "T0" + hour + ":00:00Z", run, 3600 - run, 0, 10, 0, 1), ARRIVAL));
            }
        }
        driver.advanceWallClockTime(EMIT_INTERVAL);

        List<FeatureVector> vectors = vectorsOf("sme-a");
        assertThat(vectors).extracting(FeatureVector::asOf).containsExactly(Instant.parse("2025-03-01T09:00:00Z"),
                Instant.parse("2025-03-02T09:00:00Z"), Instant.parse("2025-03-03T09:00:00Z"));
        assertThat(vectors).extracting(vector -> vector.features().get("data_coverage_7d"))
                .as("each day's vector covers the complete days before it").containsExactly(0.0, 1.0 / 7, 2.0 / 7);
        assertThat(vectors).extracting(vector -> vector.features().get("utilisation_1d"))
                .as("and both events of its own day").containsOnly(0.5);
    }

    private Instant arrivalClock() {
        return ARRIVAL.plus(EMIT_INTERVAL.multipliedBy(sent));
    }

    private List<FeatureVector> vectors = List.of();

    private List<FeatureVector> vectorsOf(String smeId) {
        List<FeatureVector> fresh = features.readRecordsToList().stream().map(TestRecord::value).toList();
        vectors = new java.util.ArrayList<>(vectors);
        vectors.addAll(fresh);
        return vectors.stream().filter(v -> v.smeId().equals(smeId)).toList();
    }

    private FeatureVector last(String smeId) {
        List<FeatureVector> ofSme = vectorsOf(smeId);
        assertThat(ofSme).as("vectors of " + smeId).isNotEmpty();
        return ofSme.get(ofSme.size() - 1);
    }

    private static TelemetryEvent event(String eventId, String smeId, String machine, String timestamp, double run,
                                        double idle, double down, long produced, long rejected, double energy) {
        return new TelemetryEvent(eventId, smeId, machine, Instant.parse(timestamp),
                new MachineMetrics(run, idle, down, produced, rejected, energy));
    }
}
