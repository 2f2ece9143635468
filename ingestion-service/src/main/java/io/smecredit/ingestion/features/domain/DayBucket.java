package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one SME's machines reported for one calendar day (UTC) of event time. Windows of 1 to 90 days are sums
 * and series over these buckets, so an out-of-order or late event only changes the bucket of its own day.
 *
 * @param downtimeHours   per machine, the UTC hours of the day (bit h = hour h, 24 bits) in which an event of that
 *                        machine reported any down time, the hour being that of the event's timestamp. A set rather
 *                        than a count, so a stoppage counts once per machine and hour however often the gateway
 *                        reports it, in whatever order, and a repeated event changes nothing.
 * @param estimatedDowntimeMachineHours machine-hours with down time estimated for a bucket stored before
 *                        {@code downtimeHours} existed (it kept only a count of events), see
 *                        {@link #fromEventCounts}; 0 for buckets built from events
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
        Map<String, Integer> downtimeHours,
        int estimatedDowntimeMachineHours,
        Set<String> runningMachines) {

    private static final int HOURS_PER_DAY = 24;
    private static final int ALL_HOURS = (1 << HOURS_PER_DAY) - 1;
    private static final double SECONDS_PER_HOUR = 3600;

    public DayBucket {
        // copyOf returns an already immutable collection as is, so an event that changes neither copies nothing.
        runningMachines = runningMachines == null ? Set.of() : Set.copyOf(runningMachines);
        downtimeHours = downtimeHours == null ? Map.of() : Map.copyOf(downtimeHours);
        downtimeHours.forEach((machine, hours) -> {
            if (hours == 0 || (hours & ~ALL_HOURS) != 0) {
                throw new IllegalArgumentException("Not a non-empty set of hours of a day: " + hours);
            }
        });
    }

    public static LocalDate dayOf(TelemetryEvent event) {
        return LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
    }

    /** The UTC clock hour (0–23) of the event's timestamp. */
    public static int hourOf(TelemetryEvent event) {
        return (int) (Math.floorMod(event.timestamp().getEpochSecond(), 86_400L) / 3600);
    }

    public static DayBucket empty(LocalDate day) {
        return new DayBucket(day, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, Set.of());
    }

    /**
     * A bucket stored by an earlier version, which counted events with down time instead of machine-hours. Which
     * machine-hours they fell in is lost; the count lies between two bounds: at least the whole hours of down time
     * (a machine-hour holds at most 3600 down seconds, and there was at least one) and at most the number of such
     * events (each reports one machine's hour). Between them, the estimate is those events times the day's mean
     * reporting interval, in hours: exact for hourly gateways (one event per machine-hour), and for faster ones
     * the hours of intervals that reported down time, which is exact when stoppages fill their hours and otherwise
     * too low (then the lower bound still holds). Such buckets leave the 90-day window within 98 days.
     */
    public static DayBucket fromEventCounts(LocalDate day, double runSeconds, double idleSeconds, double downSeconds,
                                            long unitsProduced, long unitsRejected, double energyKwh, int events,
                                            int downtimeEvents, Set<String> runningMachines) {
        return new DayBucket(day, runSeconds, idleSeconds, downSeconds, unitsProduced, unitsRejected, energyKwh,
                events, Map.of(), estimateMachineHours(events, downtimeEvents, runSeconds + idleSeconds + downSeconds,
                downSeconds), runningMachines);
    }

    static int estimateMachineHours(int events, int downtimeEvents, double reportedSeconds, double downSeconds) {
        if (downtimeEvents <= 0) {
            return 0;
        }
        long atLeast = Math.min(downtimeEvents, Math.max(1, (long) Math.ceil(downSeconds / SECONDS_PER_HOUR)));
        double meanIntervalHours = events > 0 ? Math.min(1, reportedSeconds / events / SECONDS_PER_HOUR) : 1;
        long estimate = Math.round(downtimeEvents * meanIntervalHours);
        return (int) Math.max(atLeast, Math.min(downtimeEvents, estimate));
    }

    public DayBucket add(TelemetryEvent event) {
        MachineMetrics m = event.metrics();
        Set<String> machines = runningMachines;
        if (m.runSeconds() > 0 && !machines.contains(event.machineId())) {
            machines = new TreeSet<>(machines);
            machines.add(event.machineId());
        }
        Map<String, Integer> hours = downtimeHours;
        if (m.downSeconds() > 0) {
            int known = hours.getOrDefault(event.machineId(), 0);
            int withThis = known | (1 << hourOf(event));
            // Only the first report of a machine-hour copies; a gateway reporting every few seconds mostly does not.
            if (withThis != known) {
                hours = new HashMap<>(hours);
                hours.put(event.machineId(), withThis);
            }
        }
        return new DayBucket(day,
                runSeconds + m.runSeconds(),
                idleSeconds + m.idleSeconds(),
                downSeconds + m.downSeconds(),
                unitsProduced + m.unitsProduced(),
                unitsRejected + m.unitsRejected(),
                energyKwh + m.energyKwh(),
                events + 1,
                hours,
                estimatedDowntimeMachineHours,
                machines);
    }

    /**
     * (Machine, UTC hour) pairs of the day with any down time. A bucket of an earlier version that has received
     * events since adds its estimate and the new hours; an hour in both is counted twice (only days that were current
     * or within the late window at the upgrade can mix).
     */
    public int downtimeMachineHours() {
        int total = estimatedDowntimeMachineHours;
        for (int hours : downtimeHours.values()) {
            total += Integer.bitCount(hours);
        }
        return total;
    }

    public double reportedSeconds() {
        return runSeconds + idleSeconds + downSeconds;
    }

    public long goodUnits() {
        return unitsProduced - unitsRejected;
    }
}
