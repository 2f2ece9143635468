package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Running totals of everything one SME's machines have reported; the state the feature engine keeps per SME. */
public record SmeTotals(
        double runSeconds,
        double idleSeconds,
        double downSeconds,
        long unitsProduced,
        long unitsRejected,
        double energyKwh,
        Set<String> machineIds,
        Instant latestEventAt) {

    public SmeTotals {
        machineIds = machineIds == null ? Set.of() : Set.copyOf(new TreeSet<>(machineIds));
    }

    public static SmeTotals empty() {
        return new SmeTotals(0, 0, 0, 0, 0, 0, Set.of(), null);
    }

    public SmeTotals add(TelemetryEvent event) {
        MachineMetrics m = event.metrics();
        Set<String> machines = new TreeSet<>(machineIds);
        machines.add(event.machineId());
        // Events can arrive out of order; the vector is "as of" the newest interval it includes.
        Instant latest = latestEventAt == null || event.timestamp().isAfter(latestEventAt)
                ? event.timestamp() : latestEventAt;
        return new SmeTotals(
                runSeconds + m.runSeconds(),
                idleSeconds + m.idleSeconds(),
                downSeconds + m.downSeconds(),
                unitsProduced + m.unitsProduced(),
                unitsRejected + m.unitsRejected(),
                energyKwh + m.energyKwh(),
                machines,
                latest);
    }
}
