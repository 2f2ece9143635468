package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.FeatureNames;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureCalculatorTest {

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-01T11:00:00Z");

    @Test
    void computesTheFiveFeaturesFromRunningTotals() {
        // m-1: run 1800, idle 1200, down 600, 100 units, 4 rejects, 12 kWh
        // m-2: run 3000, idle 0,    down 600,  50 units, 6 rejects, 18 kWh
        SmeTotals totals = SmeTotals.empty()
                .add(event("m-1", T2, 1800, 1200, 600, 100, 4, 12))
                .add(event("m-2", T1, 3000, 0, 600, 50, 6, 18));

        FeatureVector vector = FeatureCalculator.vectorOf("sme-001", totals);

        assertThat(vector.smeId()).isEqualTo("sme-001");
        assertThat(vector.schemaVersion()).isEqualTo(FeatureNames.SCHEMA_VERSION);
        assertThat(vector.asOf()).as("latest event, not last processed").isEqualTo(T2);
        assertThat(vector.features()).containsOnlyKeys(FeatureNames.ALL);
        // run 4800 / total 7200; (run+idle) 6000 / 7200; 1 - 10/150; 30 kWh / 140 good units; 2 machines
        assertThat(vector.features().get(FeatureNames.UTILISATION)).isCloseTo(4800.0 / 7200, within(1e-12));
        assertThat(vector.features().get(FeatureNames.AVAILABILITY)).isCloseTo(6000.0 / 7200, within(1e-12));
        assertThat(vector.features().get(FeatureNames.QUALITY_RATE)).isCloseTo(140.0 / 150, within(1e-12));
        assertThat(vector.features().get(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT)).isCloseTo(30.0 / 140, within(1e-12));
        assertThat(vector.features().get(FeatureNames.ACTIVE_MACHINES)).isEqualTo(2.0);
    }

    @Test
    void countsAMachineOnceHoweverOftenItReports() {
        SmeTotals totals = SmeTotals.empty()
                .add(event("m-1", T1, 10, 0, 0, 1, 0, 1))
                .add(event("m-1", T2, 10, 0, 0, 1, 0, 1));

        assertThat(totals.machineIds()).isEqualTo(Set.of("m-1"));
        assertThat(totals.runSeconds()).isEqualTo(20);
        assertThat(FeatureCalculator.features(totals).get(FeatureNames.ACTIVE_MACHINES)).isEqualTo(1.0);
    }

    @Test
    void leavesOutEnergyPerGoodUnitWhenEveryUnitWasRejected() {
        SmeTotals totals = SmeTotals.empty().add(event("m-1", T1, 600, 0, 0, 5, 5, 3));

        assertThat(FeatureCalculator.features(totals))
                .doesNotContainKey(FeatureNames.ENERGY_KWH_PER_GOOD_UNIT)
                .containsEntry(FeatureNames.QUALITY_RATE, 0.0)
                .containsEntry(FeatureNames.UTILISATION, 1.0);
    }

    @Test
    void leavesOutRatiosWithoutDataInsteadOfReportingNan() {
        SmeTotals totals = SmeTotals.empty().add(event("m-1", T1, 0, 0, 0, 0, 0, 0));

        assertThat(FeatureCalculator.features(totals)).containsOnlyKeys(FeatureNames.ACTIVE_MACHINES);
    }

    private static TelemetryEvent event(String machineId, Instant at, double run, double idle, double down,
                                        long produced, long rejected, double energy) {
        return new TelemetryEvent("e-" + machineId + at, "sme-001", machineId, at,
                new MachineMetrics(run, idle, down, produced, rejected, energy));
    }
}
