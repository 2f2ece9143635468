package io.smecredit.simulator.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.simulator.gateway.Json;
import io.smecredit.simulator.model.Industry;
import io.smecredit.simulator.model.MachineSpec;
import io.smecredit.simulator.model.Region;
import io.smecredit.simulator.model.SmeSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeBenchmarkTest {

    @Test
    void handWrittenLoadBatchesAreValidTelemetryWithUniqueIds() throws Exception {
        SmeSpec sme = new SmeSpec("bench-0001", "Benchmark plant 1", Industry.PLASTICS, Region.EAST, 3, false, false, 0.7,
                List.of(new MachineSpec("m-1", 100, 10), new MachineSpec("m-2", 100, 10)));

        List<TelemetryEvent> events = Json.MAPPER.readValue(IntakeBenchmark.body(sme, 50, "run-0"), new TypeReference<>() {
        });

        assertThat(events).hasSize(50);
        assertThat(events).extracting(TelemetryEvent::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(TelemetryEvent::machineId).containsOnly("m-1", "m-2");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.smeId()).isEqualTo("bench-0001");
            assertThat(e.metrics().unitsRejected()).isBetween(0L, e.metrics().unitsProduced());
            assertThat(e.metrics().runSeconds() + e.metrics().idleSeconds() + e.metrics().downSeconds()).isLessThanOrEqualTo(1.0);
        });
    }

    @Test
    void theLoadGatewaysSendExactlyTheBatchAsBytes() {
        SmeSpec sme = new SmeSpec("sme-80001", "Benchmark plant 1", Industry.PLASTICS, Region.EAST, 3, false, false, 0.7,
                List.of(new MachineSpec("m-1", 100, 10), new MachineSpec("m-2", 100, 10), new MachineSpec("m-3", 100, 10)));
        for (int events : List.of(1, 7, 500, 1234)) {
            String text = IntakeBenchmark.body(sme, events, "mq3x-s-12-1500");
            String bytes = new String(IntakeBenchmark.bodyBytes(sme, events, "mq3x-s-12-1500"), StandardCharsets.UTF_8);
            // Both read the clock: compare with the timestamps blanked.
            assertThat(blankTimestamps(bytes)).isEqualTo(blankTimestamps(text));
        }
    }

    private static String blankTimestamps(String json) {
        return json.replaceAll("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"T\"");
    }
}
