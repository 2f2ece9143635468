package io.smecredit.contracts;

/**
 * What one machine reported for one reporting interval. Seconds split the interval into running, idle and
 * down time; units count output and rejects; energy is metered consumption.
 */
public record MachineMetrics(
        double runSeconds,
        double idleSeconds,
        double downSeconds,
        long unitsProduced,
        long unitsRejected,
        double energyKwh) {
}
