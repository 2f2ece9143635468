package io.smecredit.simulator.model;

import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Turns simulated machine hours into the telemetry events a gateway sends. */
public final class TelemetryEvents {

    private TelemetryEvents() {
    }

    /**
     * The hourly events of one SME's day: one per machine and hour the gateway was online, timestamped at the end
     * of the hour. Event ids derive from SME, machine and hour, so a re-run of the same history is a set of
     * duplicates to the platform, not new data.
     */
    public static List<TelemetryEvent> hourly(SmeDay day) {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            events.addAll(forHour(day, hour));
        }
        return events;
    }

    /** The events of one hour of one SME's day, for every machine whose gateway was online. */
    public static List<TelemetryEvent> forHour(SmeDay day, int hour) {
        Instant end = day.date().atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * (hour + 1));
        List<TelemetryEvent> events = new ArrayList<>(day.hourly().length);
        for (int m = 0; m < day.hourly().length; m++) {
            MachineMetrics metrics = day.hourly()[m][hour];
            if (metrics != null) {
                String machineId = day.sme().machines().get(m).machineId();
                events.add(new TelemetryEvent(day.sme().smeId() + "-" + machineId + "-" + end.getEpochSecond(),
                        day.sme().smeId(), machineId, end, metrics));
            }
        }
        return events;
    }

    /**
     * A share of a simulated hour, for live streams whose gateways report more often than hourly: the hour's
     * seconds, units and energy scaled to {@code seconds}; units are rounded at random so that their sum over many
     * short intervals keeps the hour's expectation. {@code null} when the gateway was offline that hour.
     */
    public static MachineMetrics slice(MachineMetrics hour, double seconds, Random random) {
        if (hour == null) {
            return null;
        }
        double share = Math.min(1, seconds / 3600);
        long produced = randomRound(hour.unitsProduced() * share, random);
        double rejectShare = hour.unitsProduced() == 0 ? 0 : (double) hour.unitsRejected() / hour.unitsProduced();
        long rejected = Math.min(produced, randomRound(produced * rejectShare, random));
        return new MachineMetrics(floor3(hour.runSeconds() * share), floor3(hour.idleSeconds() * share),
                floor3(hour.downSeconds() * share), produced, rejected, Math.round(hour.energyKwh() * share * 1e6) / 1e6);
    }

    private static long randomRound(double value, Random random) {
        long whole = (long) Math.floor(value);
        return whole + (random.nextDouble() < value - whole ? 1 : 0);
    }

    private static double floor3(double seconds) {
        return Math.floor(seconds * 1000) / 1000;
    }
}
