package io.smecredit.simulator.model;

import io.smecredit.contracts.MachineMetrics;

import java.time.LocalDate;

/**
 * One simulated day of one SME: its latent state and, per machine and hour, what the machine's gateway reports
 * for that hour ({@code null} when the gateway is offline or the plant has closed).
 *
 * @param hourly [machine index][hour 0–23]; empty when the model runs without operations
 */
public record SmeDay(SmeSpec sme, LocalDate date, double health, boolean defaulted, LocalDate defaultDate,
                     boolean closed, boolean workingDay, int breakdowns, MachineMetrics[][] hourly) {

    public boolean defaultedToday() {
        return date.equals(defaultDate);
    }
}
