package io.smecredit.simulator.live;

import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.simulator.model.FactoryModel;
import io.smecredit.simulator.model.ModelParameters;
import io.smecredit.simulator.model.Population;
import io.smecredit.simulator.model.SmeSpec;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveModeTest {

    // A Wednesday at 10:00 UTC: in every SME's first shift.
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void machinesTakeTurnsSoTheStreamKeepsTheRequestedRate() {
        List<SmeSpec> smes = Population.generate(20, 4, ModelParameters.defaults());
        FactoryModel model = new FactoryModel(smes, 4, LocalDate.ofInstant(NOW, ZoneOffset.UTC));
        LiveMode live = new LiveMode(model, 200, 4, Clock.fixed(NOW, ZoneOffset.UTC), 0);
        long[] silent = new long[1];

        Map<String, List<TelemetryEvent>> firstSecond = live.due(1_000_000_000L, silent);
        Map<String, List<TelemetryEvent>> secondToThird = live.due(3_000_000_000L, silent);

        assertThat(count(firstSecond) + count(secondToThird) + silent[0]).isEqualTo(600);
        assertThat(live.reportingIntervalSeconds()).isEqualTo(live.machineCount() / 200.0);
        assertThat(firstSecond.values().stream().flatMap(List::stream)).allSatisfy(event -> {
            assertThat(event.timestamp()).isEqualTo(NOW);
            var m = event.metrics();
            assertThat(m.runSeconds() + m.idleSeconds() + m.downSeconds())
                    .isLessThanOrEqualTo(live.reportingIntervalSeconds() + 1e-9);
            assertThat(m.unitsRejected()).isBetween(0L, m.unitsProduced());
        });
        assertThat(firstSecond.values().stream().flatMap(List::stream).map(TelemetryEvent::eventId))
                .doesNotHaveDuplicates();
        // Batches are per SME, as each SME's gateway sends its own.
        firstSecond.forEach((smeId, events) -> assertThat(events).allMatch(e -> e.smeId().equals(smeId)));
    }

    private static long count(Map<String, List<TelemetryEvent>> batches) {
        return batches.values().stream().mapToLong(List::size).sum();
    }
}
