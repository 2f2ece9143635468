package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TelemetryValidatorTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final SmeRegistryView REGISTRY = new SmeRegistryView() {
        private final Map<String, Set<String>> machines = Map.of("sme-001", Set.of("m-1", "m-2"));

        @Override
        public boolean isKnownSme(String smeId) {
            return machines.containsKey(smeId);
        }

        @Override
        public boolean isKnownMachine(String smeId, String machineId) {
            return machines.getOrDefault(smeId, Set.of()).contains(machineId);
        }
    };

    private final ObjectMapper mapper = new ObjectMapper();
    private final TelemetryBatchReader reader = new TelemetryBatchReader(mapper);
    private final TelemetryValidator validator = new TelemetryValidator();

    @Test
    void acceptsAWellFormedEventOfARegisteredMachine() {
        ValidatedBatch batch = validate("[" + event("e-1", "sme-001", "m-1", "2025-03-01T11:00:00Z",
                "1800", "1200", "600", "100", "4", "12.5") + "]");

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.accepted()).containsExactly(new TelemetryEvent("e-1", "sme-001", "m-1",
                Instant.parse("2025-03-01T11:00:00Z"), new MachineMetrics(1800, 1200, 600, 100, 4, 12.5)));
    }

    @Test
    void rejectsOnlyTheInvalidEventOfABatch() {
        ValidatedBatch batch = validate("[" + valid("e-1") + ","
                + event("e-2", "sme-001", "m-1", "2025-03-01T11:00:00Z", "-1", "0", "0", "1", "0", "1") + "]");

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("e-1");
        assertThat(batch.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(1);
            assertThat(rejected.eventId()).isEqualTo("e-2");
            assertThat(rejected.violations()).extracting(Violation::field, Violation::reason)
                    .containsExactly(tuple("metrics.runSeconds", RejectionReason.NEGATIVE));
        });
    }

    @Test
    void rejectsNanAndInfinityEvenThoughTheyParse() {
        ValidatedBatch batch = validate("[" + event("e-1", "sme-001", "m-1", "2025-03-01T11:00:00Z",
                "NaN", "Infinity", "-Infinity", "1", "0", "1e400") + "]");

        assertThat(batch.accepted()).isEmpty();
        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(
                        tuple("metrics.runSeconds", RejectionReason.NOT_FINITE),
                        tuple("metrics.idleSeconds", RejectionReason.NOT_FINITE),
                        tuple("metrics.downSeconds", RejectionReason.NOT_FINITE),
                        tuple("metrics.energyKwh", RejectionReason.NOT_FINITE));
    }

    @Test
    void reportsEveryMissingFieldOfAnEvent() {
        ValidatedBatch batch = validate("[{\"eventId\":\"e-1\",\"metrics\":{\"runSeconds\":1}}]");

        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(
                        tuple("smeId", RejectionReason.MISSING),
                        tuple("machineId", RejectionReason.MISSING),
                        tuple("timestamp", RejectionReason.MISSING),
                        tuple("metrics.idleSeconds", RejectionReason.MISSING),
                        tuple("metrics.downSeconds", RejectionReason.MISSING),
                        tuple("metrics.unitsProduced", RejectionReason.MISSING),
                        tuple("metrics.unitsRejected", RejectionReason.MISSING),
                        tuple("metrics.energyKwh", RejectionReason.MISSING));
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        ValidatedBatch batch = validate("[{\"eventId\":7,\"smeId\":\"sme-001\",\"machineId\":\"m-1\","
                + "\"timestamp\":1740826800,\"metrics\":{\"runSeconds\":\"10\",\"idleSeconds\":0,\"downSeconds\":0,"
                + "\"unitsProduced\":1.5,\"unitsRejected\":0,\"energyKwh\":1}}, 42]");

        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(
                        tuple("eventId", RejectionReason.WRONG_TYPE),
                        tuple("timestamp", RejectionReason.WRONG_TYPE),
                        tuple("metrics.runSeconds", RejectionReason.WRONG_TYPE),
                        tuple("metrics.unitsProduced", RejectionReason.WRONG_TYPE));
        assertThat(batch.rejected().get(1).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("$", RejectionReason.NOT_AN_OBJECT));
    }

    @Test
    void rejectsBlankAndOverlongEventIds() {
        ValidatedBatch batch = validate("[" + valid(" ") + "," + valid("x".repeat(129)) + "," + valid("x".repeat(128)) + "]");

        assertThat(batch.rejected()).extracting(r -> r.violations().get(0).reason())
                .containsExactly(RejectionReason.BLANK, RejectionReason.TOO_LONG);
        assertThat(batch.accepted()).hasSize(1);
    }

    @Test
    void limitsOneEventToOneHourOfMachineTime() {
        ValidatedBatch batch = validate("["
                + event("at-limit", "sme-001", "m-1", "2025-03-01T11:00:00Z", "1800", "1200", "600", "1", "0", "1") + ","
                + event("over", "sme-001", "m-1", "2025-03-01T11:00:00Z", "1800", "1200", "600.5", "1", "0", "1") + "]");

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("at-limit");
        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("metrics", RejectionReason.INTERVAL_TOO_LONG));
    }

    @Test
    void rejectsMoreRejectedUnitsThanProduced() {
        ValidatedBatch batch = validate("["
                + event("e-1", "sme-001", "m-1", "2025-03-01T11:00:00Z", "1", "0", "0", "5", "6", "1") + "]");

        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("metrics.unitsRejected", RejectionReason.MORE_REJECTED_THAN_PRODUCED));
    }

    @Test
    void toleratesFiveMinutesOfClockSkewButNotMore() {
        ValidatedBatch batch = validate("["
                + event("skewed", "sme-001", "m-1", "2025-03-01T12:05:00Z", "1", "0", "0", "1", "0", "1") + ","
                + event("future", "sme-001", "m-1", "2025-03-01T12:05:01Z", "1", "0", "0", "1", "0", "1") + ","
                + event("garbled", "sme-001", "m-1", "yesterday", "1", "0", "0", "1", "0", "1") + "]");

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("skewed");
        assertThat(batch.rejected()).extracting(RejectedEvent::primaryReason)
                .containsExactly(RejectionReason.IN_FUTURE, RejectionReason.INVALID_TIMESTAMP);
        // A gateway with a skewed clock learns by how much from the message alone.
        assertThat(batch.rejected().get(0).violations().get(0).message())
                .isEqualTo("is more than 5 minutes in the future: the service's clock read 2025-03-01T12:00:00Z; "
                        + "check the gateway's clock");
    }

    @Test
    void rejectsSmesAndMachinesNotInTheRegistry() {
        ValidatedBatch batch = validate("["
                + event("e-1", "sme-999", "m-1", "2025-03-01T11:00:00Z", "1", "0", "0", "1", "0", "1") + ","
                + event("e-2", "sme-001", "m-3", "2025-03-01T11:00:00Z", "1", "0", "0", "1", "0", "1") + "]");

        assertThat(batch.accepted()).isEmpty();
        assertThat(batch.rejected()).extracting(r -> r.violations().get(0).field(), RejectedEvent::primaryReason)
                .containsExactly(tuple("smeId", RejectionReason.UNKNOWN_SME),
                        tuple("machineId", RejectionReason.UNKNOWN_MACHINE));
    }

    @Test
    void publishesAnEventIdRepeatedWithinABatchOnce() {
        ValidatedBatch batch = validate("[" + valid("e-1") + "," + valid("e-1") + "," + valid("e-2") + "]");

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("e-1", "e-2");
        assertThat(batch.duplicates()).isEqualTo(1);
        assertThat(batch.rejected()).isEmpty();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        ObjectNode event = (ObjectNode) read("[" + valid("e-1") + "]").get(0).json();
        event.put("firmware", "1.2.3");

        assertThat(validator.validate(List.of(BatchEntry.of(event)), REGISTRY, NOW, SmeScope.any()).accepted()).hasSize(1);
    }

    @Test
    void acceptsEventsUpToSevenDaysLateButNotOlder() {
        ValidatedBatch batch = validate("["
                + event("late", "sme-001", "m-1", "2025-02-22T12:00:00Z", "1", "0", "0", "1", "0", "1") + ","
                + event("too-late", "sme-001", "m-1", "2025-02-22T11:59:59Z", "1", "0", "0", "1", "0", "1") + "]");

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("late");
        assertThat(batch.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.primaryReason()).isEqualTo(RejectionReason.TOO_LATE);
            assertThat(rejected.violations().get(0).message()).contains("7 days");
        });
    }

    @Test
    void aGatewayBoundToOneSmeMayNotReportForAnother() {
        ValidatedBatch batch = validator.validate(read("[" + valid("own") + ","
                        + event("foreign", "sme-002", "m-1", "2025-03-01T11:00:00Z", "1", "0", "0", "1", "0", "1") + "]"),
                REGISTRY, NOW, SmeScope.boundTo("sme-001"));

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("own");
        assertThat(batch.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.smeId()).isEqualTo("sme-002");
            // The foreign gateway is not told whether sme-002 is registered.
            assertThat(rejected.violations()).extracting(Violation::field, Violation::reason)
                    .containsExactly(tuple("smeId", RejectionReason.FOREIGN_SME));
        });
    }

    @Test
    void aGatewayWithoutSmeClaimMayOnlyReportForDemoSmes() {
        SmeScope demo = SmeScope.demoSmes(java.util.regex.Pattern.compile("sme-[0-9]+"));
        ValidatedBatch batch = validator.validate(read("[" + valid("demo") + ","
                        + event("other", "acme", "m-1", "2025-03-01T11:00:00Z", "1", "0", "0", "1", "0", "1") + "]"),
                REGISTRY, NOW, demo);

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("demo");
        assertThat(batch.rejected()).extracting(RejectedEvent::primaryReason).containsExactly(RejectionReason.FOREIGN_SME);
    }

    @Test
    void anMqttEventMustNameTheSmeOfItsTopic() {
        ValidatedBatch batch = validator.validate(read("[" + valid("e-1") + "]"), REGISTRY, NOW, SmeScope.topicOf("sme-002"));

        assertThat(batch.rejected()).extracting(RejectedEvent::primaryReason).containsExactly(RejectionReason.TOPIC_MISMATCH);
    }

    @Test
    void rejectsAnUnreadableNdjsonLineOnItsOwnKeepingItForTheDeadLetterTopic() {
        List<BatchEntry> entries = reader.readNdjson((valid("e-1") + "\n{oops\n").getBytes(StandardCharsets.UTF_8));

        ValidatedBatch batch = validator.validate(entries, REGISTRY, NOW, SmeScope.any());

        assertThat(batch.accepted()).hasSize(1);
        assertThat(batch.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(1);
            assertThat(rejected.primaryReason()).isEqualTo(RejectionReason.MALFORMED_JSON);
            assertThat(rejected.payload()).isEqualTo("{oops");
        });
    }

    @Test
    void namesEveryRuleAcrossFieldsThatFailsNotOnlyTheFirst() {
        ValidatedBatch bothRules = validate("[" + event("e-1", "sme-001", "m-1", "2025-03-01T11:00:00Z",
                "3000", "500", "200", "15", "30", "1") + "]");
        ValidatedBatch badEnergy = validate("[" + event("e-2", "sme-001", "m-1", "2025-03-01T11:00:00Z",
                "1", "0", "0", "15", "30", "-1") + "]");

        assertThat(bothRules.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(
                        tuple("metrics", RejectionReason.INTERVAL_TOO_LONG),
                        tuple("metrics.unitsRejected", RejectionReason.MORE_REJECTED_THAN_PRODUCED));
        // An invalid field does not hide a broken rule between two other, valid ones.
        assertThat(badEnergy.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(
                        tuple("metrics.energyKwh", RejectionReason.NEGATIVE),
                        tuple("metrics.unitsRejected", RejectionReason.MORE_REJECTED_THAN_PRODUCED));
    }

    @Test
    void callsACountBeyondALongTooLargeNotAFraction() {
        ValidatedBatch batch = validate("[" + event("e-1", "sme-001", "m-1", "2025-03-01T11:00:00Z",
                "1", "0", "0", "99999999999999999999", "-99999999999999999999", "1") + "]");

        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(
                        tuple("metrics.unitsProduced", RejectionReason.TOO_LARGE),
                        tuple("metrics.unitsRejected", RejectionReason.NEGATIVE));
        assertThat(batch.rejected().get(0).violations().get(0).message()).isEqualTo("must be at most 10000000 per event "
                + "(about 2,800 a second for an hour), got 99999999999999999999; a counter fault or wrap-around?");
    }

    @Test
    void refusesCountsAndEnergyNoMachineCouldReportInOneEvent() {
        // A 32-bit counter's wrap-around, a long's maximum (which summed into a day overflowed to negative output),
        // and 10 MWh from one machine in at most an hour.
        ValidatedBatch batch = validate("[" + event("e-1", "sme-001", "m-1", "2025-03-01T11:00:00Z",
                "1", "0", "0", "4294967295", "0", "10000.5") + ","
                + event("e-2", "sme-001", "m-1", "2025-03-01T11:00:00Z", "1", "0", "0", "9223372036854775807", "0", "1")
                + "," + event("e-3", "sme-001", "m-1", "2025-03-01T11:00:00Z", "1", "0", "0", "10000000", "10000000",
                "10000") + "]");

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("e-3");
        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("metrics.unitsProduced", RejectionReason.TOO_LARGE),
                        tuple("metrics.energyKwh", RejectionReason.TOO_LARGE));
        assertThat(batch.rejected().get(0).violations().get(1).message())
                .isEqualTo("must be at most 10000 per event (10 MW for an hour), got 10000.5; a meter fault?");
        assertThat(batch.rejected().get(1).violations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("metrics.unitsProduced", RejectionReason.TOO_LARGE));
    }

    @Test
    void acceptsWholeNumbersWrittenAsFloatsButNotFractions() {
        ValidatedBatch batch = validate("[" + event("e-1", "sme-001", "m-1", "2025-03-01T11:00:00Z",
                "1", "0", "0", "1500.0", "1.2e1", "1") + ","
                + event("e-2", "sme-001", "m-1", "2025-03-01T11:00:00Z", "1", "0", "0", "1500.5", "1e-400", "1") + "]");

        assertThat(batch.accepted()).singleElement().satisfies(event -> {
            assertThat(event.metrics().unitsProduced()).isEqualTo(1500);
            assertThat(event.metrics().unitsRejected()).isEqualTo(12);
        });
        assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason,
                        Violation::message)
                .containsExactly(tuple("metrics.unitsProduced", RejectionReason.WRONG_TYPE,
                        "must be a whole number, got 1500.5"));
    }

    @Test
    void rejectsAnEventThatGivesAFieldTwiceNamingItAndKeepingItsTextForTheDeadLetterTopic() {
        String twice = valid("e-2").replace("\"unitsProduced\":100", "\"unitsProduced\":100,\"unitsProduced\":900")
                .replace("\"smeId\":\"sme-001\"", "\"smeId\":\"sme-001\",\"smeId\":\"sme-001\"");

        ValidatedBatch batch = validate("[" + valid("e-1") + "," + twice + "]");

        assertThat(batch.accepted()).extracting(TelemetryEvent::eventId).containsExactly("e-1");
        assertThat(batch.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(1);
            assertThat(rejected.violations()).extracting(Violation::field, Violation::reason).containsExactly(
                    tuple("smeId", RejectionReason.DUPLICATE_FIELD),
                    tuple("metrics.unitsProduced", RejectionReason.DUPLICATE_FIELD));
            assertThat(rejected.payload()).isEqualTo(twice);
        });
    }

    @Test
    void aRepeatedSmeIdIsNotResolvedToEitherValue() {
        // The sender's SME first, another registered SME last: neither is checked, named or used as the dead letter's key.
        String twice = valid("e-3").replace("\"smeId\":\"sme-001\"", "\"smeId\":\"sme-001\",\"smeId\":\"sme-002\"");

        ValidatedBatch batch = validator.validate(read("[" + twice + "]"), REGISTRY, NOW, SmeScope.boundTo("sme-001"));

        assertThat(batch.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.violations()).extracting(Violation::field, Violation::reason)
                    .containsExactly(tuple("smeId", RejectionReason.DUPLICATE_FIELD));
            assertThat(rejected.smeId()).isNull();
            assertThat(rejected.eventId()).isEqualTo("e-3");
        });
    }

    @Test
    void aRepeatedMetricIsNotCheckedOnEitherValue() {
        String twice = valid("e-4").replace("\"unitsProduced\":100", "\"unitsProduced\":5,\"unitsProduced\":99999999999");

        assertThat(validate("[" + twice + "]").rejected().get(0).violations())
                .extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("metrics.unitsProduced", RejectionReason.DUPLICATE_FIELD));
    }

    @Test
    void findsARepeatedFieldWhicheverWayTheBatchIsRead() {
        String twice = valid("e-1").replace("\"runSeconds\":1800", "\"runSeconds\":1800,\"runSeconds\":1");
        // A non-object element sends the whole array through the tree reader; NDJSON lines and an MQTT message
        // (a single object) have their own paths.
        List<List<BatchEntry>> readings = List.of(
                read("[" + twice + ",7]"),
                reader.readNdjson((twice + "\n").getBytes(StandardCharsets.UTF_8)),
                reader.readJson(twice.getBytes(StandardCharsets.UTF_8), true));

        for (List<BatchEntry> entries : readings) {
            ValidatedBatch batch = validator.validate(entries, REGISTRY, NOW, SmeScope.any());
            assertThat(batch.accepted()).isEmpty();
            assertThat(batch.rejected().get(0).violations()).extracting(Violation::field, Violation::reason)
                    .containsExactly(tuple("metrics.runSeconds", RejectionReason.DUPLICATE_FIELD));
        }
    }

    @Test
    void ignoresARepeatedUnknownFieldAsItIgnoresUnknownFields() {
        String extra = valid("e-1").replace("{\"eventId\"", "{\"firmware\":\"1.0\",\"firmware\":\"1.1\",\"eventId\"");

        assertThat(validate("[" + extra + "]").accepted()).extracting(TelemetryEvent::eventId).containsExactly("e-1");
        assertThat(validate("[" + extra + ",7]").accepted()).extracting(TelemetryEvent::eventId).containsExactly("e-1");
    }

    private List<BatchEntry> read(String json) {
        return reader.readJson(json.getBytes(StandardCharsets.UTF_8), false);
    }

    private ValidatedBatch validate(String json) {
        return validator.validate(read(json), REGISTRY, NOW, SmeScope.any());
    }

    private static String valid(String eventId) {
        return event(eventId, "sme-001", "m-1", "2025-03-01T11:00:00Z", "1800", "1200", "600", "100", "4", "12.5");
    }

    private static String event(String eventId, String smeId, String machineId, String timestamp, String run,
                                String idle, String down, String produced, String rejected, String energy) {
        return """
                {"eventId":"%s","smeId":"%s","machineId":"%s","timestamp":"%s","metrics":{"runSeconds":%s,\
                "idleSeconds":%s,"downSeconds":%s,"unitsProduced":%s,"unitsRejected":%s,"energyKwh":%s}}"""
                .formatted(eventId, smeId, machineId, timestamp, run, idle, down, produced, rejected, energy);
    }
}
