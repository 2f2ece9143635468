package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming reader and the plain-event check are a faster route to exactly the outcome of the tree check: the
 * same accepted events, duplicates, rejections, violations (field, reason code, message) and dead-letter payloads.
 * Each batch is validated both ways — streamed, and as the JSON trees the reader used to build — and must agree.
 */
class StreamingReadEquivalenceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final SmeRegistryView REGISTRY = new SmeRegistryView() {
        private final Map<String, Set<String>> machines = Map.of("sme-001", Set.of("m-1", "m-2"), "sme-002", Set.of("m-1"));

        @Override
        public boolean isKnownSme(String smeId) {
            return machines.containsKey(smeId);
        }

        @Override
        public boolean isKnownMachine(String smeId, String machineId) {
            return machines.getOrDefault(smeId, Set.of()).contains(machineId);
        }
    };
    private static final List<SmeScope> SCOPES = List.of(SmeScope.any(), SmeScope.boundTo("sme-001"),
            SmeScope.topicOf("sme-002"), SmeScope.demoSmes(Pattern.compile("sme-[0-9]+")));

    private final ObjectMapper mapper = new ObjectMapper();
    private final TelemetryBatchReader reader = new TelemetryBatchReader(mapper);
    private final TelemetryValidator validator = new TelemetryValidator();

    /** Field values that are valid, invalid in every way the rules know, or awkward for a parser. */
    private static final List<String> IDS = List.of("\"e-1\"", "\"e-2\"", "\" \"", "\"\"", "null", "7", "true", "{}",
            "[\"a\"]", "\"" + "x".repeat(128) + "\"", "\"" + "x".repeat(129) + "\"", "\"\\u0065-1\"", "\"é-ü-中\"",
            "\"quote\\\"and\\\\slash\"");
    private static final List<String> SMES = List.of("\"sme-001\"", "\"sme-002\"", "\"sme-999\"", "\"acme\"", "null",
            "1", "\"\"", "\"sme-00\\u0031\"");
    private static final List<String> MACHINES = List.of("\"m-1\"", "\"m-2\"", "\"m-9\"", "null", "[]", "\"  \"");
    private static final List<String> TIMESTAMPS = List.of("\"2025-03-01T11:00:00Z\"", "\"2025-03-01T11:00:00.5Z\"",
            "\"2025-03-01T11:00:00.123456789Z\"", "\"2025-03-01T11:00:00.1234567891Z\"", "\"2025-03-01T11:00:00.Z\"",
            "\"2025-03-01t11:00:00z\"", "\"2025-03-01T12:00:00+01:00\"", "\"2025-02-30T11:00:00Z\"",
            "\"2025-02-28T24:00:00Z\"", "\"2025-02-28T23:59:60Z\"", "\"2025-03-01T12:05:00Z\"",
            "\"2025-03-01T12:05:00.000000001Z\"", "\"2025-02-22T12:00:00Z\"", "\"2025-02-22T11:59:59.999Z\"",
            "\"+2025-03-01T11:00:00Z\"", "\"2025-3-1T11:00:00Z\"", "\"yesterday\"", "1740826800", "null", "\"\"");
    private static final List<String> QUANTITIES = List.of("0", "1", "0.8", "1800", "-0.0", "-1", "1e3", "1E-3",
            "3599.5", "NaN", "Infinity", "-Infinity", "1e400", "123456789012345678901234567890", "\"1\"", "null", "true",
            "10000", "10000.01");
    private static final List<String> COUNTS = List.of("0", "1", "5", "100", "1.0", "1e2", "-1", "9223372036854775807",
            "9223372036854775808", "\"3\"", "null", "2.5", "10000000", "10000001", "4294967295", "1.0e7", "-0.0");

    @Test
    void plainEventsTakeTheStreamingPath() {
        List<BatchEntry> entries = read("[" + event("\"e-1\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"",
                "1", "0", "0", "1", "0", "1") + ", {\"eventId\": 5}]");

        assertThat(entries.get(0).fields()).isNotNull();
        assertThat(entries.get(1).fields()).isNull();
        assertThat(entries.get(1).json().get("eventId").intValue()).isEqualTo(5);
    }

    @Test
    void everyEdgeCaseGetsTheTreeChecksOutcome() {
        List<String> events = new ArrayList<>();
        for (String id : IDS) {
            events.add(event(id, "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1", "0", "0", "1", "0", "1"));
        }
        for (String sme : SMES) {
            for (String machine : MACHINES) {
                events.add(event("\"e-s\"", sme, machine, "\"2025-03-01T11:00:00Z\"", "1", "0", "0", "1", "0", "1"));
            }
        }
        for (String timestamp : TIMESTAMPS) {
            events.add(event("\"e-t\"", "\"sme-001\"", "\"m-1\"", timestamp, "1", "0", "0", "1", "0", "1"));
        }
        for (String quantity : QUANTITIES) {
            events.add(event("\"e-q\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", quantity, "0", "0", "1", "0", "1"));
            events.add(event("\"e-q\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1", "0", "0", "1", "0", quantity));
        }
        for (String count : COUNTS) {
            events.add(event("\"e-c\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1", "0", "0", count, "0", "1"));
            events.add(event("\"e-c\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1", "0", "0", "5", count, "1"));
        }
        // The reporting interval, exactly at and just over one hour.
        events.add(event("\"e-i\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1800", "1200", "600", "1", "0", "1"));
        events.add(event("\"e-i\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1800", "1200", "600.5", "1", "0", "1"));
        // Repeated keys (refused as duplicate_field, the tree keeping the last), missing and unknown fields, other
        // field order, whitespace.
        events.add("{\"eventId\":\"a\",\"eventId\":\"b\",\"smeId\":\"sme-001\",\"machineId\":\"m-1\","
                + "\"timestamp\":\"2025-03-01T11:00:00Z\",\"metrics\":{\"runSeconds\":1,\"idleSeconds\":0,"
                + "\"downSeconds\":0,\"unitsProduced\":1,\"unitsRejected\":0,\"energyKwh\":1}}");
        events.add("{\"eventId\":\"r\",\"smeId\":\"sme-001\",\"machineId\":\"m-1\",\"timestamp\":\"2025-03-01T11:00:00Z\","
                + "\"metrics\":{\"runSeconds\":1,\"runSeconds\":-1,\"idleSeconds\":0,\"downSeconds\":0,"
                + "\"unitsProduced\":1,\"unitsRejected\":0,\"energyKwh\":1}}");
        events.add("{\"eventId\":\"m\",\"smeId\":\"sme-001\",\"machineId\":\"m-1\",\"timestamp\":\"2025-03-01T11:00:00Z\"}");
        events.add("{\"eventId\":\"m\",\"smeId\":\"sme-001\",\"machineId\":\"m-1\",\"timestamp\":\"2025-03-01T11:00:00Z\","
                + "\"metrics\":[1,2]}");
        events.add("{\"eventId\":\"m2\",\"smeId\":\"sme-001\",\"machineId\":\"m-1\",\"timestamp\":\"2025-03-01T11:00:00Z\","
                + "\"metrics\":{\"runSeconds\":1,\"idleSeconds\":0,\"downSeconds\":0,\"unitsProduced\":1,\"unitsRejected\":0}}");
        events.add(" {\n \"metrics\" : { \"energyKwh\" : 1 , \"unitsRejected\" : 0 , \"unitsProduced\" : 1 , \"downSeconds\" : 0 ,"
                + " \"idleSeconds\" : 0 , \"runSeconds\" : 1 , \"vendor\" : {\"x\" : [1, {\"y\" : null}]} } ,"
                + " \"firmware\" : [\"1\", 2, {\"3\": true}], \"timestamp\" : \"2025-03-01T11:00:00Z\" , \"machineId\" : \"m-2\" ,"
                + " \"smeId\" : \"sme-001\" , \"eventId\" : \"reordered\" }\t");
        events.add("{}");
        // Repeats of one id: only the first of a batch is published.
        events.add(event("\"dup\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1", "0", "0", "1", "0", "1"));
        events.add(event("\"dup\"", "\"sme-001\"", "\"m-2\"", "\"2025-03-01T11:30:00Z\"", "2", "0", "0", "1", "0", "1"));

        String batch = "[" + String.join(",", events) + "]";
        for (SmeScope scope : SCOPES) {
            for (boolean lateWindow : List.of(true, false)) {
                assertSameOutcome(batch, scope, lateWindow);
            }
        }
    }

    @Test
    void randomEventsGetTheTreeChecksOutcome() {
        Random random = new Random(20261205);
        for (int round = 0; round < 40; round++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                // Mostly valid values, so that plain events and near misses both occur often.
                events.add(event(pick(random, IDS, 0.7), pick(random, SMES, 0.7), pick(random, MACHINES, 0.7),
                        pick(random, TIMESTAMPS, 0.6), pick(random, QUANTITIES, 0.8), pick(random, QUANTITIES, 0.8),
                        pick(random, QUANTITIES, 0.8), pick(random, COUNTS, 0.8), pick(random, COUNTS, 0.8),
                        pick(random, QUANTITIES, 0.8)));
            }
            String batch = "[" + String.join(",", events) + "]";
            assertSameOutcome(batch, SCOPES.get(round % SCOPES.size()), round % 3 != 0);
        }
    }

    @Test
    void bodiesThatAreNotArraysOfObjectsReadAsBefore() {
        String valid = event("\"e-1\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1", "0", "0", "1", "0", "1");
        for (String body : List.of("[" + valid + ", 42, \"text\", null, [1], true]", "[null]", "[" + valid + ",[" + valid + "]]")) {
            assertSameOutcome(body, SmeScope.any(), true);
        }
        ObjectMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
        assertThat(new TelemetryBatchReader(lenient).readJson(("[" + valid + ",]").getBytes(StandardCharsets.UTF_8), false))
                .hasSize(1);
    }

    @Test
    void ndjsonLinesGetTheTreeChecksOutcome() {
        String valid = event("\"e-1\"", "\"sme-001\"", "\"m-1\"", "\"2025-03-01T11:00:00Z\"", "1", "0", "0", "1", "0", "1");
        String invalid = event("\"e-2\"", "\"sme-001\"", "\"m-9\"", "\"2025-03-01T11:00:00Z\"", "-1", "0", "0", "1", "0", "1");
        String body = valid + "\n" + invalid + "\n[" + valid + "]\n42\n{broken\n" + valid + "\n";

        List<BatchEntry> streamed = reader.readNdjson(body.getBytes(StandardCharsets.UTF_8));
        List<BatchEntry> trees = new ArrayList<>();
        for (String line : body.split("\n")) {
            try {
                trees.add(BatchEntry.of(mapper.readTree(line)));
            } catch (Exception e) {
                trees.add(streamed.get(trees.size()));
            }
        }
        assertThat(validator.validate(streamed, REGISTRY, NOW, SmeScope.any()))
                .isEqualTo(validator.validate(trees, REGISTRY, NOW, SmeScope.any()));
        assertThat(streamed.get(0).fields()).isNotNull();
        assertThat(streamed.get(2).fields()).isNull();
    }

    private void assertSameOutcome(String batch, SmeScope scope, boolean lateWindow) {
        ValidatedBatch streamed = validator.validate(read(batch), REGISTRY, NOW, scope, lateWindow);
        ValidatedBatch fromTrees = validator.validate(trees(batch), REGISTRY, NOW, scope, lateWindow);
        assertThat(streamed).isEqualTo(fromTrees);
    }

    /** The batch as the reader used to deliver it: one JSON tree per element, with the fields it repeats. */
    private List<BatchEntry> trees(String batch) {
        try {
            ObjectReader treeReader = mapper.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
            JsonNode root = treeReader.readTree(batch);
            byte[] bytes = batch.getBytes(StandardCharsets.UTF_8);
            List<RepeatedFields.Found> repeated = RepeatedFields.perEvent(treeReader, bytes, 0, bytes.length);
            List<BatchEntry> entries = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                entries.add(BatchEntry.of(root.get(i), repeated.get(i)));
            }
            return entries;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<BatchEntry> read(String json) {
        return reader.readJson(json.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A value from the pool: with the given probability one of the first two (valid ones), else any. */
    private static String pick(Random random, List<String> values, double validShare) {
        return random.nextDouble() < validShare ? values.get(random.nextInt(2)) : values.get(random.nextInt(values.size()));
    }

    private static String event(String eventId, String smeId, String machineId, String timestamp, String run,
                                String idle, String down, String produced, String rejected, String energy) {
        return """
                {"eventId":%s,"smeId":%s,"machineId":%s,"timestamp":%s,"metrics":{"runSeconds":%s,\
                "idleSeconds":%s,"downSeconds":%s,"unitsProduced":%s,"unitsRejected":%s,"energyKwh":%s}}"""
                .formatted(eventId, smeId, machineId, timestamp, run, idle, down, produced, rejected, energy);
    }
}
