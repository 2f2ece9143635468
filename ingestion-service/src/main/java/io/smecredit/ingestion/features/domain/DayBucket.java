package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one SME's machines reported for one calendar day (UTC) of event time. Windows of 1 to 90 days are sums
 * and series over these buckets, so an out-of-order or late event only changes the bucket of its own day.
 *
 * @param downtimeEvents  events that reported any down time (a breakdown or stop in that interval)
 * @param runningMachines machines that reported any run time that day
 */
public record DayBucket(
        LocalDate day,
        double runSeconds,
        double idleSeconds,
        double downSeconds,
        long unitsProduced,
        long unitsRejected,
        double energyKwh,
        int events,
        int downtimeEvents,
        Set<String> runningMachines) {

    public DayBucket {
        // Set.copyOf returns an already immutable set as is, so adding an event of a known machine copies nothing.
        runningMachines = runningMachines == null ? Set.of() : Set.copyOf(runningMachines);
    }

    public static LocalDate dayOf(TelemetryEvent event) {
        return LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
    }

    public static DayBucket empty(LocalDate day) {
        return new DayBucket(day, 0, 0, 0, 0, 0, 0, 0, 0, Set.of());
    }

    public DayBucket add(TelemetryEvent event) {
        MachineMetrics m = event.metrics();
        Set<String> machines = runningMachines;
        if (m.runSeconds() > 0 && !machines.contains(event.machineId())) {
            machines = new TreeSet<>(machines);
            machines.add(event.machineId());
        }
        return new DayBucket(day,
                runSeconds + m.runSeconds(),
                idleSeconds + m.idleSeconds(),
                downSeconds + m.downSeconds(),
                unitsProduced + m.unitsProduced(),
                unitsRejected + m.unitsRejected(),
                energyKwh + m.energyKwh(),
                events + 1,
                downtimeEvents + (m.downSeconds() > 0 ? 1 : 0),
                machines);
    }

    public double reportedSeconds() {
        return runSeconds + idleSeconds + downSeconds;
    }

    public long goodUnits() {
        return unitsProduced - unitsRejected;
    }
}
