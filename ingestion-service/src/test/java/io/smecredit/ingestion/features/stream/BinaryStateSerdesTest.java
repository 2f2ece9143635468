package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smecredit.ingestion.features.domain.DayBucket;
import io.smecredit.ingestion.features.domain.SmeHistory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BinaryStateSerdesTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void dayBucketsSurviveTheBinaryFormatExactlyAndInFarFewerBytesThanJson() throws Exception {
        Serde<DayBucket> serde = BinaryStateSerdes.dayBuckets(json);
        DayBucket bucket = new DayBucket(LocalDate.parse("2025-03-10"), 1800.5, 1200, 600.25, 100, 4, 12.125, 3, 1,
                Set.of("m-2", "m-1", "press-ünïcode"));

        byte[] bytes = serde.serializer().serialize("t", bucket);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(bucket);
        assertThat(bytes.length).isLessThan(json.writeValueAsBytes(bucket).length / 2);
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
        byte[] oldBucket = """
                {"day":"2025-03-10","runSeconds":1800.0,"idleSeconds":1200.0,"downSeconds":600.0,"unitsProduced":100,\
                "unitsRejected":4,"energyKwh":12.0,"events":2,"downtimeEvents":1,"runningMachines":["m-1"]}""".getBytes();
        byte[] oldHistory = """
                {"latestEventAt":"2025-03-10T10:00:00Z","firstDataDay":"2025-01-20","lastOutputDay":"2025-03-09"}"""
                .getBytes();

        assertThat(BinaryStateSerdes.dayBuckets(json).deserializer().deserialize("t", oldBucket))
                .isEqualTo(new DayBucket(LocalDate.parse("2025-03-10"), 1800, 1200, 600, 100, 4, 12, 2, 1, Set.of("m-1")));
        assertThat(BinaryStateSerdes.histories(json).deserializer().deserialize("t", oldHistory))
                .isEqualTo(new SmeHistory(Instant.parse("2025-03-10T10:00:00Z"), LocalDate.parse("2025-01-20"),
                        LocalDate.parse("2025-03-09")));
    }
}
