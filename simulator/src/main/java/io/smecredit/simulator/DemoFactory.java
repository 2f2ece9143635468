package io.smecredit.simulator;

import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Produces one reporting interval of telemetry for every machine of every SME. Deterministic for a seed, so a
 * demo or a test can be replayed exactly.
 */
public final class DemoFactory {

    /**
     * 180 units per running hour (between plastics and electronics in the history model's industries), so a demo
     * SME's output (about 6,000–11,000 units a day on three machines) and energy per good unit (about 0.1 kWh) sit
     * inside the feature dictionary's typical ranges, as a real small manufacturer's would. At 1,800 units an hour
     * every demo SME produced 60,000–105,000 units a day, above the range's top, so output told the five apart by
     * nothing and the bootstrap model, trained within the ranges, read them all as the same very large producer.
     */
    private static final double UNITS_PER_RUN_SECOND = 0.05;
    private static final double RUNNING_KW = 15.0;
    private static final double IDLE_KW = 3.0;

    private final List<SmeProfile> smes;
    private final long seed;
    private final Random random;

    public DemoFactory(List<SmeProfile> smes, long seed) {
        this.smes = List.copyOf(smes);
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Events for the interval that ends at {@code end}; event ids are unique per SME, machine and interval end. */
    public List<TelemetryEvent> interval(Instant end, Duration length) {
        List<TelemetryEvent> events = new ArrayList<>();
        for (SmeProfile sme : smes) {
            events.addAll(interval(sme, end, length));
        }
        return events;
    }

    /** The SMEs this factory produces telemetry for, in the order {@link #interval(Instant, Duration)} uses. */
    public List<SmeProfile> smes() {
        return smes;
    }

    /** One SME's events for the interval that ends at {@code end}: one per machine. */
    public List<TelemetryEvent> interval(SmeProfile sme, Instant end, Duration length) {
        double seconds = length.toMillis() / 1000.0;
        List<TelemetryEvent> events = new ArrayList<>(sme.machineIds().size());
        for (String machine : sme.machineIds()) {
            events.add(new TelemetryEvent(
                    sme.smeId() + "-" + machine + "-" + end.toEpochMilli(),
                    sme.smeId(),
                    machine,
                    end,
                    metrics(sme.health(), seconds, brokenDown(sme, machine, end))));
        }
        return events;
    }

    /**
     * Hourly events for the {@code days} whole days of hours before {@code now}, oldest first, grouped by day (one list
     * per day, so each can be sent as one batch). Event ids depend only on SME, machine and hour, so seeding the same
     * history again is recognised by the platform as duplicates.
     */
    public List<List<TelemetryEvent>> hourlyHistory(Instant now, int days) {
        Instant lastHour = now.truncatedTo(ChronoUnit.HOURS);
        return hourlyHistory(lastHour.minus(Duration.ofHours(24L * days)), lastHour);
    }

    /**
     * Hourly events for the whole hours that start at or after {@code from} and end no later than {@code to}, oldest
     * first, at most 24 hours per list: nothing before {@code from} is covered twice.
     */
    public List<List<TelemetryEvent>> hourlyHistory(Instant from, Instant to) {
        Instant firstStart = from.truncatedTo(ChronoUnit.HOURS);
        if (firstStart.isBefore(from)) {
            firstStart = firstStart.plus(Duration.ofHours(1));
        }
        Instant firstEnd = firstStart.plus(Duration.ofHours(1));
        Instant lastEnd = to.truncatedTo(ChronoUnit.HOURS);
        List<List<TelemetryEvent>> byDay = new ArrayList<>();
        List<TelemetryEvent> day = new ArrayList<>();
        int hoursInDay = 0;
        for (Instant end = firstEnd; !end.isAfter(lastEnd); end = end.plus(Duration.ofHours(1))) {
            day.addAll(interval(end, Duration.ofHours(1)));
            if (++hoursInDay == 24) {
                byDay.add(day);
                day = new ArrayList<>();
                hoursInDay = 0;
            }
        }
        if (!day.isEmpty()) {
            byDay.add(day);
        }
        return byDay;
    }

    /**
     * Whether the machine breaks down in the clock hour of {@code end} (the hour the platform counts the event in),
     * decided once per machine-hour from the seed rather than per interval: a draw per five-second interval would
     * put a stoppage into nearly every hour, and five-second and hourly reports would no longer describe the same
     * factory. Weaker SMEs break down in more hours.
     */
    private boolean brokenDown(SmeProfile sme, String machine, Instant end) {
        long hour = Math.floorDiv(end.getEpochSecond(), 3600L);
        long key = (seed * 1_000_003L + (sme.smeId() + "/" + machine).hashCode()) * 1_000_003L + hour;
        return new SplittableRandom(key).nextDouble() < 0.02 + 0.15 * (1 - sme.health());
    }

    private MachineMetrics metrics(double health, double seconds, boolean brokenDown) {
        double downShare = brokenDown ? 0.5 + 0.5 * random.nextDouble() : 0;
        double runShare = clamp(0.35 + 0.55 * health + 0.1 * random.nextGaussian()) * (1 - downShare);
        double down = round2(seconds * downShare);
        double run = round2(seconds * runShare);
        double idle = round2(Math.max(0, seconds - run - down));
        // Sums of values rounded to hundredths can exceed the interval by an ulp, and the intake refuses that.
        while (run + idle + down > seconds && idle >= 0.01) {
            idle = round2(idle - 0.01);
        }
        long produced = roundAtRandom(run * UNITS_PER_RUN_SECOND * (0.9 + 0.2 * random.nextDouble()));
        double rejectRate = clamp(0.01 + 0.08 * (1 - health) + 0.01 * random.nextGaussian());
        long rejected = Math.min(produced, roundAtRandom(produced * rejectRate));
        double energy = round2((run * RUNNING_KW + idle * IDLE_KW) / 3600.0 * (0.95 + 0.1 * random.nextDouble()));
        return new MachineMetrics(run, idle, down, produced, rejected, energy);
    }

    /**
     * Down or up at random, in proportion: a five-second interval makes a fraction of a unit, which plain rounding
     * would always drop; this way the sum over an hour keeps its expectation, whatever the reporting cadence.
     */
    private long roundAtRandom(double units) {
        return (long) Math.floor(units + random.nextDouble());
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }

    private static double round2(double value) {
        return Math.floor(value * 100) / 100;
    }
}
