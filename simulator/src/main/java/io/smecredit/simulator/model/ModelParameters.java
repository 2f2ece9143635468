package io.smecredit.simulator.model;

/**
 * Every number of the generative process, in one place so docs/simulator.md can be checked against it. Rates are
 * per day unless named otherwise; "health" is the latent financial health in [0, 1].
 *
 * @param burnInDays             days simulated (without defaults or events) before the first output day, so the
 *                               population starts from a settled state rather than from its initial draw
 * @param healthReversion        κ: share of the gap to the long-run level closed per day (half-life ln2/κ)
 * @param healthVolatility       σ: daily Gaussian noise of health
 * @param negativeShockPerDay    probability per day of a negative shock (lost customer, bad debt)
 * @param negativeShockMin       smallest negative shock size
 * @param negativeShockMax       largest negative shock size
 * @param positiveShockPerDay    probability per day of a positive shock (new contract)
 * @param positiveShockMax       largest positive shock size (uniform from 0)
 * @param commonPersistence      φ of the AR(1) industry and region factors shifting every member's long-run level
 * @param commonVolatility       daily noise of those factors
 * @param baseDailyHazard        λ0: default hazard per day at lagged health 0.5
 * @param hazardSensitivity      γ: hazard multiplies by e^γ per unit of lagged health lost
 * @param defaultLagMinDays      the lagged health is the mean over days t−max … t−min: distress shows in production
 * @param defaultLagMaxDays      one to two months before the default is recorded
 * @param meanDaysToClosure      after a default the plant keeps reporting for a geometric number of days, then stops
 * @param orderPersistence       φ of the AR(1) log order-book swing
 * @param orderVolatility        daily noise of the log order-book swing
 * @param demandFloor            demand share an SME keeps at zero health (demand = season·e^swing·(floor + (1−floor)·h))
 * @param inShiftUtilisation     run share of available shift time at demand 1
 * @param utilisationNoise       relative hourly noise of that run share
 * @param orderGapBase           probability that a working day has no orders at all (machines idle all day) …
 * @param orderGapDistress       … plus this times (1 − health)²
 * @param shortTimeHealth        below this health the SME drops one shift (short-time working)
 * @param activeMachinesBase     share of machines kept active = clamp(base + slope·health): the rest are mothballed
 * @param activeMachinesSlope    (see activeMachinesBase)
 * @param breakdownPerRunHour    breakdown probability per running hour of a freshly maintained machine at health 1 …
 * @param breakdownDistress      … times (1 + this·(1 − health)), times the wear factor
 * @param wearDays               wear factor = 1 + days since planned maintenance / wearDays
 * @param maintenanceIntervalDays planned maintenance is due this many days after the last one …
 * @param maintenanceHoursMin    … and takes this many hours (uniform up to max) of planned downtime;
 * @param maintenanceHoursMax    a due maintenance is done on a working day with probability 0.2 + 0.8·health
 * @param repairHoursMin         repair time = min + exponential(mean · (1 + repairDistress·(1 − health))) hours
 * @param repairHoursMean        (see repairHoursMin)
 * @param repairDistress         (see repairHoursMin): cash-strapped firms wait longer for parts
 * @param rejectDistress         reject rate = industry base · (1 + this·(1 − health)) · (1 + rejectWear·(wear − 1)) · lognormal(0.3)
 * @param rejectWear             (see rejectDistress)
 * @param energyWear             running power · (1 + this·(wear − 1)): worn machines draw more
 * @param offShiftPowerShare     share of running power drawn when a machine is off shift or mothballed
 * @param gatewayOutagePerDay    probability per day that the gateway goes offline for 2–30 hours (no events)
 */
public record ModelParameters(
        int burnInDays,
        double healthReversion, double healthVolatility,
        double negativeShockPerDay, double negativeShockMin, double negativeShockMax,
        double positiveShockPerDay, double positiveShockMax,
        double commonPersistence, double commonVolatility,
        double baseDailyHazard, double hazardSensitivity, int defaultLagMinDays, int defaultLagMaxDays,
        double meanDaysToClosure,
        double orderPersistence, double orderVolatility, double demandFloor,
        double inShiftUtilisation, double utilisationNoise,
        double orderGapBase, double orderGapDistress,
        double shortTimeHealth, double activeMachinesBase, double activeMachinesSlope,
        double breakdownPerRunHour, double breakdownDistress, double wearDays,
        int maintenanceIntervalDays, int maintenanceHoursMin, int maintenanceHoursMax,
        double repairHoursMin, double repairHoursMean, double repairDistress,
        double rejectDistress, double rejectWear, double energyWear, double offShiftPowerShare,
        double gatewayOutagePerDay) {

    public static ModelParameters defaults() {
        return new ModelParameters(
                120,
                0.01, 0.015,
                1.0 / 500, 0.15, 0.35,
                1.0 / 900, 0.15,
                0.98, 0.01,
                5e-4, 9.0, 30, 60,
                20,
                0.9, 0.08, 0.35,
                0.88, 0.08,
                0.02, 0.25,
                0.35, 0.3, 0.9,
                0.002, 4.0, 45,
                30, 4, 8,
                1.0, 3.0, 3.0,
                2.5, 0.5, 0.15, 0.02,
                0.004);
    }

    /** The same process with a different default intensity, e.g. to get more labels from a small population. */
    public ModelParameters withBaseDailyHazard(double hazard) {
        return new ModelParameters(burnInDays, healthReversion, healthVolatility, negativeShockPerDay, negativeShockMin,
                negativeShockMax, positiveShockPerDay, positiveShockMax, commonPersistence, commonVolatility, hazard,
                hazardSensitivity, defaultLagMinDays, defaultLagMaxDays, meanDaysToClosure, orderPersistence,
                orderVolatility, demandFloor, inShiftUtilisation, utilisationNoise, orderGapBase, orderGapDistress,
                shortTimeHealth, activeMachinesBase, activeMachinesSlope, breakdownPerRunHour, breakdownDistress,
                wearDays, maintenanceIntervalDays, maintenanceHoursMin, maintenanceHoursMax, repairHoursMin,
                repairHoursMean, repairDistress, rejectDistress, rejectWear, energyWear, offShiftPowerShare,
                gatewayOutagePerDay);
    }
}
