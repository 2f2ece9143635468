package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smecredit.ingestion.features.domain.DayBucket;
import io.smecredit.ingestion.features.domain.SmeHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryStateSerdesTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void dayBucketsSurviveTheBinaryFormatExactlyAndInFarFewerBytesThanJson() throws Exception {
        Serde<DayBucket> serde = BinaryStateSerdes.dayBuckets(json);
        DayBucket bucket = new DayBucket(LocalDate.parse("2025-03-10"), 1800.5, 1200, 600.25, 100, 4, 12.125, 3,
                Map.of("m-1", 1 << 10 | 1 << 23, "press-ünïcode", 1), 7, Set.of("m-2", "m-1", "press-ünïcode"));

        byte[] bytes = serde.serializer().serialize("t", bucket);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(bucket);
        assertThat(bytes.length).isLessThan(json.writeValueAsBytes(bucket).length / 2);
    }

    @Test
    void equalBucketsAreEqualBytesWhateverTheOrderTheirMachinesWereAddedIn() {
        Serde<DayBucket> serde = BinaryStateSerdes.dayBuckets(json);
        Map<String, Integer> oneOrder = new LinkedHashMap<>();
        oneOrder.put("m-1", 1);
        oneOrder.put("m-2", 2);
        Map<String, Integer> otherOrder = new LinkedHashMap<>();
        otherOrder.put("m-2", 2);
        otherOrder.put("m-1", 1);

        assertThat(serde.serializer().serialize("t", bucket(oneOrder)))
                .isEqualTo(serde.serializer().serialize("t", bucket(otherOrder)));
    }

    @Test
    void readsBucketsOfFormat1WhichCountedEventsAsAnEstimateOfMachineHours() {
        // Format 1 as the previous serializer wrote it: 5-second reports of one machine all day (17,280 events),
        // 360 of them with down time, 1,800 down seconds: an estimated 1 machine-hour (DayBucket.fromEventCounts).
        ByteBuffer v1 = ByteBuffer.allocate(1 + 4 + 6 * 8 + 3 * 4 + 4 + 3).put((byte) 1)
                .putInt((int) LocalDate.parse("2025-03-10").toEpochDay())
                .putDouble(84_000).putDouble(600).putDouble(1800)
                .putLong(4000).putLong(40).putDouble(300.5)
                .putInt(17_280).putInt(360)
                .putInt(1).putInt(3).put("m-1".getBytes(StandardCharsets.UTF_8));

        DayBucket read = BinaryStateSerdes.dayBuckets(json).deserializer().deserialize("t", v1.array());

        assertThat(read).isEqualTo(new DayBucket(LocalDate.parse("2025-03-10"), 84_000, 600, 1800, 4000, 40, 300.5,
                17_280, Map.of(), 1, Set.of("m-1")));
        assertThat(read.downtimeMachineHours()).isEqualTo(1);
    }

    @Test
    void refusesBucketsWithHoursOutsideTheDay() {
        Serde<DayBucket> serde = BinaryStateSerdes.dayBuckets(json);
        byte[] bytes = serde.serializer().serialize("t", bucket(Map.of("m-1", 1 << 23)));
        // The mask is the last int: move hour 23 to the non-existent hour 24.
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, 1 << 24);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).isInstanceOf(SerializationException.class);
    }

    private static DayBucket bucket(Map<String, Integer> downtimeHours) {
        return new DayBucket(LocalDate.parse("2025-03-10"), 1, 2, 3, 4, 5, 6, 7, downtimeHours, 0, Set.of("m-1"));
    }

    @Test
    void historiesSurviveTheBinaryFormatIncludingMissingValues() {
        Serde<SmeHistory> serde = BinaryStateSerdes.histories(json);
        SmeHistory full = new SmeHistory(Instant.parse("2025-03-10T10:00:00.123456789Z"), LocalDate.parse("2025-01-20"),
                LocalDate.parse("2025-03-09"), Instant.parse("2025-03-12T00:00:00Z"), Instant.parse("2025-03-12T10:50:00Z"));
        SmeHistory sparse = new SmeHistory(Instant.parse("2025-03-10T10:00:00Z"), LocalDate.parse("2025-03-10"), null);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", full))).isEqualTo(full);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", sparse))).isEqualTo(sparse);
    }

    @Test
    void stillReadsStateWrittenByTheEarlierJsonFormat() {
        // 2 events over 3,000 s, 1 with down time: an estimated 1 machine-hour.
        byte[] oldBucket = """
                {"day":"2025-03-10","runSeconds":1800.0,"idleSeconds":1200.0,"downSeconds":600.0,"unitsProduced":100,\
                "unitsRejected":4,"energyKwh":12.0,"events":2,"downtimeEvents":1,"runningMachines":["m-1"]}""".getBytes();
        byte[] oldHistory = """
                {"latestEventAt":"2025-03-10T10:00:00Z","firstDataDay":"2025-01-20","lastOutputDay":"2025-03-09"}"""
                .getBytes();

        assertThat(BinaryStateSerdes.dayBuckets(json).deserializer().deserialize("t", oldBucket))
                .isEqualTo(new DayBucket(LocalDate.parse("2025-03-10"), 1800, 1200, 600, 100, 4, 12, 2, Map.of(), 1,
                        Set.of("m-1")));
        assertThat(BinaryStateSerdes.histories(json).deserializer().deserialize("t", oldHistory))
                .isEqualTo(new SmeHistory(Instant.parse("2025-03-10T10:00:00Z"), LocalDate.parse("2025-01-20"),
                        LocalDate.parse("2025-03-09")));
    }
}
