package io.smecredit.simulator.model;

/** A machine's fixed characteristics: its nominal throughput and power draw while running. */
public record MachineSpec(String machineId, double unitsPerRunHour, double runningKw) {
}
