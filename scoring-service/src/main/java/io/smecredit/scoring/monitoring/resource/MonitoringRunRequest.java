package io.smecredit.scoring.monitoring.resource;

import java.time.LocalDate;

/** The as-of day (UTC) to monitor; defaults to yesterday, what the daily schedule does. */
public record MonitoringRunRequest(LocalDate day) {
}
