package io.smecredit.ingestion.telemetry.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming codec must write exactly the mapper's bytes and read every record as the mapper does. */
class TelemetryEventJsonTest {

    /** Configured like the service's mapper (IsoInstantJson, Quarkus defaults). */
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final TelemetryEventJson json = new TelemetryEventJson(mapper);

    @Test
    void writesExactlyWhatTheMapperWrites() throws Exception {
        assertThat(json.streamingWrite()).isTrue();
        List<TelemetryEvent> events = new ArrayList<>(TelemetryEventJson.samples());
        events.addAll(randomEvents(5_000));
        List<byte[]> written = json.writeAll(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(new String(written.get(i), StandardCharsets.UTF_8))
                    .isEqualTo(mapper.writeValueAsString(events.get(i)));
        }
    }

    @Test
    void readsWhatItWritesAsTheMapperDoes() throws Exception {
        for (TelemetryEvent event : randomEvents(5_000)) {
            byte[] bytes = json.write(event);
            assertThat(json.read(bytes)).isEqualTo(mapper.readValue(bytes, TelemetryEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void readsOtherFormsThroughTheMapper() throws Exception {
        List<String> records = List.of(
                // Another field order, unknown fields, whitespace.
                "{ \"metrics\": {\"energyKwh\": 1, \"unitsRejected\": 0, \"unitsProduced\": 2, \"downSeconds\": 0,"
                        + " \"idleSeconds\": 1, \"runSeconds\": 3, \"extra\": 1}, \"timestamp\": \"2025-03-01T11:00:00Z\","
                        + " \"machineId\": \"m-1\", \"smeId\": \"sme-001\", \"eventId\": \"e-1\", \"firmware\": \"x\" }",
                // Missing and null fields, a timestamp with an offset, numbers as the mapper coerces them.
                "{\"eventId\":\"e-2\",\"smeId\":\"sme-001\",\"timestamp\":\"2025-03-01T12:00:00+01:00\",\"metrics\":null}",
                "{\"eventId\":\"e-3\",\"smeId\":null,\"machineId\":\"m-1\",\"timestamp\":\"2025-03-01T11:00:00.5Z\","
                        + "\"metrics\":{\"runSeconds\":1,\"idleSeconds\":0,\"downSeconds\":0,\"unitsProduced\":2,"
                        + "\"unitsRejected\":0}}");
        for (String record : records) {
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            assertThat(json.read(bytes)).as(record).isEqualTo(mapper.readValue(bytes, TelemetryEvent.class));
        }
        assertThat(json.read(null)).isNull();
        // What the mapper cannot read (here a repeated key of a record) fails as it did, and the stream skips it.
        byte[] repeated = ("{\"eventId\":\"e-4\",\"smeId\":\"s\",\"machineId\":\"m\",\"timestamp\":\"2025-03-01T11:00:00Z\","
                + "\"metrics\":{\"runSeconds\":1,\"idleSeconds\":0,\"downSeconds\":0,\"unitsProduced\":2,"
                + "\"unitsRejected\":0,\"energyKwh\":1,\"energyKwh\":2}}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> mapper.readValue(repeated, TelemetryEvent.class)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> json.read(repeated)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void writesThroughTheMapperWhenTheMapperWritesDifferently() throws Exception {
        ObjectMapper epochDates = new ObjectMapper().registerModule(new JavaTimeModule());
        TelemetryEventJson codec = new TelemetryEventJson(epochDates);
        TelemetryEvent event = TelemetryEventJson.samples().get(0);

        assertThat(codec.streamingWrite()).isFalse();
        assertThat(codec.write(event)).isEqualTo(epochDates.writeValueAsBytes(event));
    }

    private static List<TelemetryEvent> randomEvents(int count) {
        Random random = new Random(7);
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant timestamp = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                    i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));
            events.add(new TelemetryEvent("e-" + random.nextLong(), "sme-" + random.nextInt(1000),
                    "m-" + random.nextInt(10), timestamp,
                    new MachineMetrics(random.nextDouble() * 3600, random.nextInt(3600), random.nextDouble(),
                            random.nextLong(Long.MAX_VALUE), random.nextInt(10), random.nextDouble() * 1e6)));
        }
        return events;
    }
}
