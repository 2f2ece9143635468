package io.smecredit.simulator.live;

import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.simulator.model.FactoryModel;
import io.smecredit.simulator.model.SimulatedDay;
import io.smecredit.simulator.model.SmeDay;
import io.smecredit.simulator.model.SmeSpec;
import io.smecredit.simulator.model.TelemetryEvents;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Paces live telemetry: the machines of all SMEs take turns, so that together they report {@code rate} events per
 * second and each machine reports every (machines / rate) seconds, covering the time since its previous report with
 * a slice of its simulated current hour. Pure scheduling and generation; sending is the caller's.
 */
public final class LiveMode {

    private final FactoryModel model;
    private final List<SmeSpec> smes;
    private final List<int[]> machines = new ArrayList<>();
    private final Instant[] lastReport;
    private final long[] sequence;
    private final double rate;
    private final Random random;
    private final Clock clock;
    private final long startNanos;
    private final String runId;
    private SimulatedDay today;
    private long generated;
    private int cursor;

    public LiveMode(FactoryModel model, double rate, long seed, Clock clock, long startNanos) {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        this.model = model;
        this.smes = model.smes();
        this.rate = rate;
        this.random = new Random(seed);
        this.clock = clock;
        this.startNanos = startNanos;
        for (int s = 0; s < smes.size(); s++) {
            for (int m = 0; m < smes.get(s).machines().size(); m++) {
                machines.add(new int[]{s, m});
            }
        }
        this.lastReport = new Instant[machines.size()];
        this.sequence = new long[machines.size()];
        this.runId = Long.toString(clock.millis(), 36);
        this.today = model.nextDay();
    }

    public int machineCount() {
        return machines.size();
    }

    /** Seconds between two reports of the same machine at the requested rate. */
    public double reportingIntervalSeconds() {
        return machines.size() / rate;
    }

    /**
     * The events due by {@code nowNanos} (on the same clock as the start), grouped by SME in the order the
     * gateways would send them; {@code silent} counts due reports of machines whose gateway was offline or whose
     * plant has closed.
     */
    public Map<String, List<TelemetryEvent>> due(long nowNanos, long[] silent) {
        long target = (long) (rate * (nowNanos - startNanos) / 1e9);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        catchUpTo(now.atZone(ZoneOffset.UTC).toLocalDate());
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        double interval = reportingIntervalSeconds();
        Map<String, List<TelemetryEvent>> bySme = new LinkedHashMap<>();
        for (; generated < target; generated++) {
            int slot = cursor;
            cursor = (cursor + 1) % machines.size();
            int[] machine = machines.get(slot);
            SmeDay day = today.smes().get(machine[0]);
            Instant previous = lastReport[slot];
            double seconds = previous == null ? interval
                    : Math.max(0.001, Math.min(3600, (now.toEpochMilli() - previous.toEpochMilli()) / 1000.0));
            lastReport[slot] = now;
            MachineMetrics metrics = TelemetryEvents.slice(day.hourly()[machine[1]][hour], seconds, random);
            if (metrics == null) {
                silent[0]++;
                continue;
            }
            SmeSpec sme = day.sme();
            String machineId = sme.machines().get(machine[1]).machineId();
            String eventId = sme.smeId() + "-" + machineId + "-" + runId + "-" + (++sequence[slot]);
            bySme.computeIfAbsent(sme.smeId(), id -> new ArrayList<>())
                    .add(new TelemetryEvent(eventId, sme.smeId(), machineId, now, metrics));
        }
        return bySme;
    }

    private void catchUpTo(LocalDate date) {
        while (today.date().isBefore(date)) {
            today = model.nextDay();
        }
    }
}
