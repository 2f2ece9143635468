package io.smecredit.simulator.model;

import io.smecredit.contracts.MachineMetrics;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Random;

/**
 * The evolving state of one SME. The latent process (health, default) and the operations (machines, hours) draw
 * from separate random streams, so the latent path — and hence who defaults when — is the same whether or not
 * hourly telemetry is generated.
 */
final class SmeSimulation {

    private static final double HOUR = 3600;

    private final SmeSpec sme;
    private final ModelParameters p;
    private final Random latent;
    private final Random operations;
    private final Deque<Double> healthHistory = new ArrayDeque<>();

    private double health;
    private double orderSwing;
    private LocalDate defaultDate;
    private int daysUntilClosure;
    private boolean closed;
    private int outageStartHour;
    private int outageHoursLeft;
    private final int[] daysSinceMaintenance;
    private final double[] brokenSecondsLeft;

    SmeSimulation(SmeSpec sme, ModelParameters parameters, long seed) {
        this.sme = sme;
        this.p = parameters;
        this.latent = new Random(seed);
        this.operations = new Random(seed ^ 0x5DEECE66DL * 31);
        this.health = clamp01(sme.longRunHealth() + 0.1 * latent.nextGaussian());
        this.daysSinceMaintenance = new int[sme.machines().size()];
        this.brokenSecondsLeft = new double[sme.machines().size()];
        for (int m = 0; m < daysSinceMaintenance.length; m++) {
            daysSinceMaintenance[m] = operations.nextInt(parameters.maintenanceIntervalDays());
        }
    }

    SmeDay advance(LocalDate date, double commonFactor, boolean defaultsPossible, boolean withOperations) {
        advanceHealth(commonFactor);
        advanceDefault(date, defaultsPossible);
        orderSwing = p.orderPersistence() * orderSwing + p.orderVolatility() * latent.nextGaussian();
        boolean working = WorkCalendar.isWorkingDay(sme, date);
        if (!withOperations) {
            return new SmeDay(sme, date, health, defaultDate != null, defaultDate, closed, working, 0, new MachineMetrics[0][]);
        }
        int[] breakdowns = new int[1];
        MachineMetrics[][] hourly = operate(date, working, breakdowns);
        return new SmeDay(sme, date, health, defaultDate != null, defaultDate, closed, working, breakdowns[0], hourly);
    }

    /** h ← h + κ(μ + common − h) + σε + jump, clamped to [0, 1]; a defaulted firm stays distressed. */
    private void advanceHealth(double commonFactor) {
        double jump = 0;
        double u = latent.nextDouble();
        if (u < p.negativeShockPerDay()) {
            jump = -(p.negativeShockMin() + latent.nextDouble() * (p.negativeShockMax() - p.negativeShockMin()));
        } else if (u < p.negativeShockPerDay() + p.positiveShockPerDay()) {
            jump = latent.nextDouble() * p.positiveShockMax();
        }
        double target = sme.longRunHealth() + commonFactor;
        health = clamp01(health + p.healthReversion() * (target - health) + p.healthVolatility() * latent.nextGaussian() + jump);
        if (defaultDate != null) {
            health = Math.min(health, 0.15);
        }
        healthHistory.addLast(health);
        while (healthHistory.size() > p.defaultLagMaxDays() + 1) {
            healthHistory.removeFirst();
        }
    }

    /** Daily hazard λ0·e^{γ(0.5 − lagged health)}, lagged health = mean health over days t−max … t−min. */
    private void advanceDefault(LocalDate date, boolean defaultsPossible) {
        double draw = latent.nextDouble();
        if (defaultDate != null) {
            if (!closed && --daysUntilClosure <= 0) {
                closed = true;
            }
            return;
        }
        if (!defaultsPossible) {
            return;
        }
        double hazard = p.baseDailyHazard() * Math.exp(p.hazardSensitivity() * (0.5 - laggedHealth()));
        if (draw < hazard) {
            defaultDate = date;
            // Geometric number of days the plant keeps limping on before it stops reporting for good.
            daysUntilClosure = 1 + (int) Math.floor(Math.log(1 - latent.nextDouble()) / Math.log(1 - 1 / p.meanDaysToClosure()));
        }
    }

    double laggedHealth() {
        int size = healthHistory.size();
        // Days back from today: index size-1 is today (0 days back).
        int newestBack = Math.min(p.defaultLagMinDays(), size - 1);
        int oldestBack = Math.min(p.defaultLagMaxDays(), size - 1);
        double sum = 0;
        int n = 0;
        int back = size - 1;
        for (Iterator<Double> it = healthHistory.iterator(); it.hasNext(); back--) {
            double h = it.next();
            if (back <= oldestBack && back >= newestBack) {
                sum += h;
                n++;
            }
        }
        return n == 0 ? health : sum / n;
    }

    private MachineMetrics[][] operate(LocalDate date, boolean working, int[] breakdowns) {
        Industry industry = sme.industry();
        double demand = industry.seasonality(date.getDayOfYear()) * Math.exp(orderSwing)
                * (p.demandFloor() + (1 - p.demandFloor()) * health);
        double distress = 1 - health;
        boolean orderGap = working
                && operations.nextDouble() < p.orderGapBase() + p.orderGapDistress() * distress * distress;
        int shiftsToday = health < p.shortTimeHealth() ? Math.max(1, sme.shifts() - 1) : sme.shifts();
        int machineCount = sme.machines().size();
        int activeMachines = Math.max(1, (int) Math.round(machineCount
                * clamp01(p.activeMachinesBase() + p.activeMachinesSlope() * health)));
        if (outageHoursLeft == 0 && operations.nextDouble() < p.gatewayOutagePerDay()) {
            outageStartHour = operations.nextInt(24);
            outageHoursLeft = 2 + operations.nextInt(29);
        }
        int outageFrom = outageHoursLeft > 0 ? outageStartHour : 24;
        int outageHoursToday = Math.min(outageHoursLeft, 24 - Math.min(outageFrom, 24));
        outageHoursLeft -= outageHoursToday;
        outageStartHour = 0;

        MachineMetrics[][] hourly = new MachineMetrics[machineCount][24];
        for (int m = 0; m < machineCount; m++) {
            MachineSpec machine = sme.machines().get(m);
            boolean active = m < activeMachines;
            daysSinceMaintenance[m]++;
            int maintenanceFrom = -1;
            int maintenanceHours = 0;
            if (working && active && daysSinceMaintenance[m] >= p.maintenanceIntervalDays()
                    && operations.nextDouble() < 0.2 + 0.8 * health) {
                maintenanceFrom = WorkCalendar.FIRST_SHIFT_START;
                maintenanceHours = p.maintenanceHoursMin()
                        + operations.nextInt(p.maintenanceHoursMax() - p.maintenanceHoursMin() + 1);
                daysSinceMaintenance[m] = 0;
            }
            double wear = 1 + daysSinceMaintenance[m] / p.wearDays();
            for (int hour = 0; hour < 24; hour++) {
                boolean running = working && !orderGap && active && WorkCalendar.inShift(shiftsToday, hour);
                double down = Math.min(HOUR, brokenSecondsLeft[m]);
                brokenSecondsLeft[m] -= down;
                if (hour >= maintenanceFrom && hour < maintenanceFrom + maintenanceHours) {
                    down = HOUR;
                }
                double run = 0;
                if (running && down < HOUR) {
                    double breakdownChance = p.breakdownPerRunHour() * wear * (1 + p.breakdownDistress() * distress);
                    if (brokenSecondsLeft[m] == 0 && operations.nextDouble() < breakdownChance) {
                        breakdowns[0]++;
                        double repair = HOUR * (p.repairHoursMin() - Math.log(1 - operations.nextDouble())
                                * p.repairHoursMean() * (1 + p.repairDistress() * distress));
                        double startsAfter = operations.nextDouble() * (HOUR - down);
                        double thisHour = Math.min(repair, HOUR - down - startsAfter);
                        down += thisHour;
                        brokenSecondsLeft[m] = repair - thisHour;
                    }
                    double utilisation = clamp(demand * p.inShiftUtilisation()
                            * (1 + p.utilisationNoise() * operations.nextGaussian()), 0.02, 0.98);
                    run = (HOUR - down) * utilisation;
                }
                double idle = Math.max(0, HOUR - down - run);
                long produced = Math.max(0, Math.round(run / HOUR * machine.unitsPerRunHour()
                        * (1 + 0.05 * operations.nextGaussian())));
                double rejectRate = clamp(industry.baseRejectRate() * (1 + p.rejectDistress() * distress)
                        * (1 + p.rejectWear() * (wear - 1)) * Math.exp(0.3 * operations.nextGaussian() - 0.045), 0, 0.6);
                long rejected = Math.max(0, Math.min(produced, Math.round(produced * rejectRate
                        + Math.sqrt(produced * rejectRate * (1 - rejectRate)) * operations.nextGaussian())));
                double idlePower = running || WorkCalendar.inShift(shiftsToday, hour) && working && active
                        ? industry.idleShareOfRunningPower() : p.offShiftPowerShare();
                double energy = machine.runningKw() / HOUR * (run * (1 + p.energyWear() * (wear - 1))
                        * (0.95 + 0.1 * operations.nextDouble()) + idle * idlePower + down * p.offShiftPowerShare());
                boolean reporting = !closed && !(hour >= outageFrom && hour < outageFrom + outageHoursToday);
                hourly[m][hour] = reporting ? new MachineMetrics(floor1(run), floor1(idle), floor1(down), produced,
                        rejected, Math.round(energy * 1000) / 1000.0) : null;
            }
        }
        return hourly;
    }

    private static double floor1(double seconds) {
        return Math.floor(seconds * 10) / 10;
    }

    private static double clamp01(double value) {
        return clamp(value, 0, 1);
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
