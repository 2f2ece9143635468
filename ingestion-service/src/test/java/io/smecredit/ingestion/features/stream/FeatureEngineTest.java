package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.Topics;
import io.smecredit.ingestion.support.PrometheusMetrics;
import io.smecredit.ingestion.support.TestSmes;
import io.smecredit.ingestion.support.Tokens;
import io.smecredit.ingestion.support.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The feature engine on the real broker: HTTP intake → telemetry topic → Kafka Streams → compacted features topic. */
@QuarkusTest
class FeatureEngineTest {

    /** Two days ago, so "yesterday's" event is out of order yet well inside the late window. */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    private static final String T_DAY = DAY + "T10:00:00Z";
    private static final String T_DAY_BEFORE = DAY.minusDays(1) + "T10:00:00Z";
    /** The first minutes of the day after DAY (yesterday): DAY is then the last complete day of the 7-day window. */
    private static final String T_NEXT_DAY = DAY.plusDays(1) + "T00:00:00Z";

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.kafka-streams.topics")
    List<String> streamTopics;

    @Test
    void streamWaitsForTheContractTopicsItReads() {
        assertThat(streamTopics).containsExactly(Topics.TELEMETRY.name(), Topics.SME_REGISTRY.name());
    }

    @Test
    void publishesTheFeatureVectorOfAnSmeWithHandComputedValues() {
        String smeId = TestSmes.registerIn("metal-fabrication", "it-region-" + UUID.randomUUID(), "m-1", "m-2");
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            // m-1 on DAY:        run 1800, idle 1200, down 600, 100 units, 4 rejects, 12 kWh
            // m-2 the day before: run 3000, idle    0, down 600,  50 units, 6 rejects, 18 kWh (arrives second)
            // m-1 the day after (the asOf day, so far): run 240, idle 60, 5 units (arrives last)
            ingest(TestSmes.event(id(), smeId, "m-1", T_DAY, 1800, 1200, 600, 100, 4, 12));
            ingest(TestSmes.event(id(), smeId, "m-2", T_DAY_BEFORE, 3000, 0, 600, 50, 6, 18));
            ingest(TestSmes.event(id(), smeId, "m-1", T_NEXT_DAY, 240, 60, 0, 5, 0, 1));

            FeatureVector vector = awaitVector(features, smeId, v -> v.asOf().equals(Instant.parse(T_NEXT_DAY)));

            assertThat(vector.schemaVersion()).isEqualTo(FeatureDictionary.SCHEMA_VERSION);
            assertThat(vector.features().keySet()).allMatch(name -> FeatureDictionary.find(name).isPresent());
            assertThat(vector.features().get("utilisation_1d")).isCloseTo(240.0 / 300, within(1e-9));
            assertThat(vector.features().get("active_machines_7d")).isEqualTo(2.0);
            assertThat(vector.features().get("utilisation_7d")).isCloseTo(4800.0 / 7200, within(1e-9));
            assertThat(vector.features().get("availability_7d")).isCloseTo(6000.0 / 7200, within(1e-9));
            assertThat(vector.features().get("quality_rate_7d")).isCloseTo(140.0 / 150, within(1e-9));
            assertThat(vector.features().get("output_units_per_day_7d")).isCloseTo(75, within(1e-9));
            assertThat(vector.features().get("output_trend_7d")).isCloseTo(50.0 / 75, within(1e-9));
            assertThat(vector.features().get("energy_kwh_per_good_unit_7d")).isCloseTo(30.0 / 140, within(1e-9));
            assertThat(vector.features().get("data_coverage_7d")).isCloseTo(2.0 / 7, within(1e-9));
            assertThat(vector.features()).containsKey("days_since_output");
            assertThat(vector.features().keySet()).as("alone in its cohort: no comparison")
                    .noneMatch(name -> name.contains("_cohort_"));
        }
    }

    @Test
    void itsStoresKeepTheirMemoryInTheOneBoundedCacheOfTheProcess() {
        String smeId = TestSmes.registerIn("metal-fabrication", "it-region-" + UUID.randomUUID(), "m-1");
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            ingest(TestSmes.event(id(), smeId, "m-1", T_DAY, 1800, 1200, 600, 100, 4, 12));
            awaitVector(features, smeId, v -> true);
        }

        // The engine's stores were configured with the shared cache (application.properties names the setter), so
        // the one this process holds is charged with their memtables and blocks; without the setter it would be a
        // fresh, empty one made here.
        BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.sharedFor(Map.of());
        assertThat(shared.totalBytes()).isEqualTo(BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
        await().atMost(Duration.ofSeconds(30)).until(() -> shared.cache().getUsage() > 0);
    }

    @Test
    void comparesAnSmeWithItsCohortOnceItHasEnoughMembers() {
        String region = "it-region-" + UUID.randomUUID();
        List<String> peers = java.util.stream.IntStream.range(0, FeatureDictionary.MIN_COHORT_MEMBERS - 1)
                .mapToObj(i -> TestSmes.registerIn("metal-fabrication", region, "m-1")).toList();
        String smeId = TestSmes.registerIn("metal-fabrication", region, "m-1");
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            // Each SME's hour on DAY, then its first report of the next day, so that DAY is in its 30-day window.
            for (int i = 0; i < peers.size(); i++) {
                ingest(TestSmes.event(id(), peers.get(i), "m-1", T_DAY, 900 * i, 3600 - 900 * i, 0, 10, 0, 1));
                ingest(TestSmes.event(id(), peers.get(i), "m-1", T_NEXT_DAY, 0, 60, 0, 0, 0, 0));
            }
            // The cohort stage handles a cohort's members in order: once every peer's vector is out, all are members.
            peers.forEach(peer -> awaitVector(features, peer, vector -> vector.asOf().equals(Instant.parse(T_NEXT_DAY))));
            ingest(TestSmes.event(id(), smeId, "m-1", T_DAY, 3600, 0, 0, 10, 0, 1));
            ingest(TestSmes.event(id(), smeId, "m-1", T_NEXT_DAY, 0, 60, 0, 0, 0, 0));

            FeatureVector vector = awaitVector(features, smeId, v -> v.asOf().equals(Instant.parse(T_NEXT_DAY)));

            // utilisation_30d: peers 0, 0.25, 0.5, 0.75, this SME 1.0 — the highest of five.
            assertThat(vector.features()).containsEntry("utilisation_30d_cohort_pct", 0.9);
            assertThat(vector.features().get("utilisation_30d_cohort_z")).isCloseTo(0.5 / Math.sqrt(0.125), within(1e-9));
        }
    }

    @Test
    void countsARetriedEventOnce() {
        String smeId = TestSmes.register("m-1", "m-2");
        String retried = id();
        // Both on DAY, in the live 1-day window of the vector of the second.
        String first = TestSmes.event(retried, smeId, "m-1", DAY + "T09:00:00Z", 1000, 0, 0, 10, 0, 5);
        double droppedBefore = duplicatesDropped();
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            ingest(first);
            ingest(first); // a gateway retrying after a lost answer
            ingest(TestSmes.event(id(), smeId, "m-2", T_DAY, 0, 1000, 0, 0, 0, 0));

            FeatureVector vector = awaitVector(features, smeId, v -> v.asOf().equals(Instant.parse(T_DAY)));

            // Counted once: run 1000 of 2000 s; counted twice it would be 2000 of 3000 s.
            assertThat(vector.features().get("utilisation_1d")).isCloseTo(0.5, within(1e-9));
        }
        // The intake cannot know the retry (another batch) and reports it accepted; the engine counts the drop.
        await().atMost(Duration.ofSeconds(30)).until(FeatureEngineTest::duplicatesDropped,
                dropped -> dropped >= droppedBefore + 1);
    }

    private static double duplicatesDropped() {
        return PrometheusMetrics.value("ingestion_features_duplicates_dropped_total");
    }

    @Test
    void writesInstantsAsIsoStringsOnTheFeaturesTopic() {
        String smeId = TestSmes.register("m-1");
        try (TopicProbe features = TopicProbe.fromEnd(Topics.FEATURES.name())) {
            ingest(TestSmes.event(id(), smeId, "m-1", T_DAY, 10, 0, 0, 1, 0, 1));

            List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(60))
                    .until(() -> features.pollKey(smeId), found -> !found.isEmpty());
            assertThat(records.get(0).value()).contains("\"asOf\":\"" + T_DAY + "\"").contains("\"schemaVersion\":" + FeatureDictionary.SCHEMA_VERSION);
        }
    }

    private FeatureVector awaitVector(TopicProbe features, String smeId,
                                      java.util.function.Predicate<FeatureVector> complete) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<ConsumerRecord<String, String>> records = features.pollKey(smeId);
            return records.isEmpty() ? null : mapper.readValue(records.get(records.size() - 1).value(), FeatureVector.class);
        }, vector -> vector != null && complete.test(vector));
    }

    static void ingest(String... events) {
        given().auth().oauth2(Tokens.gateway()).contentType(ContentType.JSON)
                .body("[" + String.join(",", events) + "]")
                .post("/api/v1/telemetry")
                .then().statusCode(202).body("accepted", equalTo(events.length));
    }

    static String id() {
        return "ev-" + UUID.randomUUID();
    }
}
