package io.smecredit.simulator.model;

/**
 * The industries of the ingestion registry's seed (V1__sme_registry.sql), with the production characteristics
 * that make their telemetry look different: throughput, power draw, scrap, seasonality and how many shifts firms
 * of that kind typically run.
 */
public enum Industry {

    //                  code                 units/run-h  kW   standby  reject  season  peak-day  P(1,2,3 shifts)
    METAL_FABRICATION("metal-fabrication", 30, 22, 0.15, 0.015, 0.08, 100, new double[]{0.3, 0.5, 0.2}),
    PLASTICS("plastics", 240, 35, 0.25, 0.020, 0.06, 120, new double[]{0.1, 0.4, 0.5}),
    FOOD_PROCESSING("food-processing", 600, 18, 0.20, 0.010, 0.18, 320, new double[]{0.1, 0.4, 0.5}),
    TEXTILES("textiles", 90, 12, 0.10, 0.030, 0.15, 60, new double[]{0.4, 0.5, 0.1}),
    ELECTRONICS("electronics", 150, 8, 0.30, 0.025, 0.12, 290, new double[]{0.3, 0.5, 0.2});

    private final String code;
    private final double unitsPerRunHour;
    private final double runningKw;
    private final double idleShareOfRunningPower;
    private final double baseRejectRate;
    private final double seasonalAmplitude;
    private final int peakDayOfYear;
    private final double[] shiftProbabilities;

    Industry(String code, double unitsPerRunHour, double runningKw, double idleShareOfRunningPower,
             double baseRejectRate, double seasonalAmplitude, int peakDayOfYear, double[] shiftProbabilities) {
        this.code = code;
        this.unitsPerRunHour = unitsPerRunHour;
        this.runningKw = runningKw;
        this.idleShareOfRunningPower = idleShareOfRunningPower;
        this.baseRejectRate = baseRejectRate;
        this.seasonalAmplitude = seasonalAmplitude;
        this.peakDayOfYear = peakDayOfYear;
        this.shiftProbabilities = shiftProbabilities;
    }

    public String code() {
        return code;
    }

    public double unitsPerRunHour() {
        return unitsPerRunHour;
    }

    public double runningKw() {
        return runningKw;
    }

    public double idleShareOfRunningPower() {
        return idleShareOfRunningPower;
    }

    public double baseRejectRate() {
        return baseRejectRate;
    }

    /** Demand multiplier 1 + A·cos(2π(day − peak)/365): highest on the industry's peak day. */
    public double seasonality(int dayOfYear) {
        return 1 + seasonalAmplitude * Math.cos(2 * Math.PI * (dayOfYear - peakDayOfYear) / 365.0);
    }

    /** Food plants run through Christmas; everybody else shuts down between Christmas Eve and New Year. */
    public boolean closesOverChristmas() {
        return this != FOOD_PROCESSING;
    }

    int drawShifts(double uniform) {
        double cumulative = 0;
        for (int i = 0; i < shiftProbabilities.length; i++) {
            cumulative += shiftProbabilities[i];
            if (uniform < cumulative) {
                return i + 1;
            }
        }
        return shiftProbabilities.length;
    }
}
