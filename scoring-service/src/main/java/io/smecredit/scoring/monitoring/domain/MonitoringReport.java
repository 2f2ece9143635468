package io.smecredit.scoring.monitoring.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One model's monitoring for one as-of day. PSI values are null when fewer vectors than the configured minimum
 * were scored that day (PSI of a handful of rows is noise); {@code auc} and {@code ks} are null until outcomes of
 * the cohort scored 12 months before {@code day} include both defaulters and non-defaulters. The PD backtest per grade
 * covers that same cohort as soon as it has rows (empty before).
 */
public record MonitoringReport(String modelVersion, LocalDate day, int rowsScored, Double scorePsi,
                               Map<String, Double> featurePsi, int maturedRows, Double auc, Double ks,
                               List<GradeBacktest> calibrationByGrade, Instant computedAt) {
}
