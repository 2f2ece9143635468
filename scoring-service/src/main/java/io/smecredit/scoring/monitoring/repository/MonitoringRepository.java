package io.smecredit.scoring.monitoring.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.history.domain.OutcomeLabel;
import io.smecredit.scoring.monitoring.domain.DriftAlert;
import io.smecredit.scoring.monitoring.domain.MonitoringReport;
import io.smecredit.scoring.score.repository.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

@ApplicationScoped
public class MonitoringRepository {

    /** A score of the day with the snapshot it was computed from. */
    public record ScoredSnapshot(String modelVersion, double pd, String featuresJson) {
    }

    /** A score whose outcome window has closed, with its label. */
    public record MaturedScore(double pd, boolean defaulted) {
    }

    /** The latest score per SME, model and as-of day, joined with its feature snapshot. */
    public Uni<List<ScoredSnapshot>> scoredOn(LocalDate day, int schemaVersion) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT DISTINCT ON (h.model_version, h.sme_id) h.model_version, h.pd, s.features
                        FROM score_history h
                        JOIN feature_snapshot s
                          ON s.sme_id = h.sme_id AND s.as_of = h.as_of AND s.schema_version = :schema
                        WHERE h.as_of >= :start AND h.as_of < :end
                        ORDER BY h.model_version, h.sme_id, h.as_of DESC
                        """, Object[].class)
                .setParameter("schema", schemaVersion)
                .setParameter("start", startOf(day))
                .setParameter("end", startOf(day.plusDays(1)))
                .getResultList()
                .map(rows -> rows.stream().map(r -> new ScoredSnapshot((String) r[0], ((Number) r[1]).doubleValue(),
                        (String) r[2])).toList()));
    }

    /** Models that scored vectors as of the day. */
    public Uni<List<String>> modelsScoredOn(LocalDate day) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT DISTINCT model_version FROM score_history WHERE as_of >= :start AND as_of < :end
                        """, String.class)
                .setParameter("start", startOf(day))
                .setParameter("end", startOf(day.plusDays(1)))
                .getResultList());
    }

    /** The model's scores as of {@code cohortDay} (latest per SME), labelled by defaults in the following 12 months. */
    public Uni<List<MaturedScore>> maturedCohort(String modelVersion, LocalDate cohortDay) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT c.pd, EXISTS (SELECT 1 FROM credit_outcome o
                                             WHERE o.sme_id = c.sme_id AND o.type = :defaulted
                                               AND o.outcome_date > :cohortDay
                                               AND o.outcome_date <= :horizonEnd)
                        FROM (SELECT DISTINCT ON (sme_id) sme_id, pd FROM score_history
                              WHERE model_version = :version AND as_of >= :start AND as_of < :end
                              ORDER BY sme_id, as_of DESC) c
                        """, Object[].class)
                .setParameter("defaulted", OutcomeLabel.DEFAULTED)
                .setParameter("cohortDay", cohortDay)
                .setParameter("horizonEnd", cohortDay.plus(OutcomeLabel.HORIZON))
                .setParameter("version", modelVersion)
                .setParameter("start", startOf(cohortDay))
                .setParameter("end", startOf(cohortDay.plusDays(1)))
                .getResultList()
                .map(rows -> rows.stream().map(r -> new MaturedScore(((Number) r[0]).doubleValue(), (Boolean) r[1]))
                        .toList()));
    }

    public Uni<Integer> save(MonitoringReport report, String featurePsiJson, String calibrationByGradeJson) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO monitoring_report (model_version, day, rows_scored, score_psi, feature_psi,
                                                       matured_rows, auc, ks, calibration_by_grade, computed_at)
                        VALUES (:version, :day, :rows, :scorePsi, :featurePsi, :matured, :auc, :ks, :calibration, :computedAt)
                        ON CONFLICT (model_version, day) DO UPDATE SET
                            rows_scored = EXCLUDED.rows_scored, score_psi = EXCLUDED.score_psi,
                            feature_psi = EXCLUDED.feature_psi, matured_rows = EXCLUDED.matured_rows,
                            auc = EXCLUDED.auc, ks = EXCLUDED.ks,
                            calibration_by_grade = EXCLUDED.calibration_by_grade, computed_at = EXCLUDED.computed_at
                        """)
                .setParameter("version", report.modelVersion())
                .setParameter("day", report.day())
                .setParameter("rows", report.rowsScored())
                .setParameter("scorePsi", report.scorePsi())
                .setParameter("featurePsi", featurePsiJson)
                .setParameter("matured", report.maturedRows())
                .setParameter("auc", report.auc())
                .setParameter("ks", report.ks())
                .setParameter("calibration", calibrationByGradeJson)
                .setParameter("computedAt", report.computedAt())
                .executeUpdate());
    }

    /** Reports, newest day first; all models when {@code modelVersion} is null. */
    public Uni<List<Object[]>> reports(String modelVersion, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT model_version, day, rows_scored, score_psi, feature_psi, matured_rows, auc, ks, computed_at,
                               calibration_by_grade
                        FROM monitoring_report
                        WHERE (:allModels OR model_version = :version)
                        ORDER BY day DESC, model_version
                        LIMIT :limit
                        """, Object[].class)
                .setParameter("allModels", modelVersion == null)
                .setParameter("version", modelVersion == null ? "" : modelVersion)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Answers whether the alert is new: the same model, day and subject alert only once. */
    public Uni<Boolean> insertIfAbsent(DriftAlert alert) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO drift_alert (id, model_version, day, subject, psi, threshold, rows_scored, raised_at)
                        VALUES (:id, :version, :day, :subject, :psi, :threshold, :rows, :raisedAt)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .setParameter("id", alert.id())
                .setParameter("version", alert.modelVersion())
                .setParameter("day", alert.day())
                .setParameter("subject", alert.subject())
                .setParameter("psi", alert.psi())
                .setParameter("threshold", alert.threshold())
                .setParameter("rows", alert.rowsScored())
                .setParameter("raisedAt", alert.raisedAt())
                .executeUpdate()
                .map(inserted -> inserted > 0));
    }

    public Uni<Integer> markPublished(String alertId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE drift_alert SET published = true WHERE id = :id")
                .setParameter("id", alertId)
                .executeUpdate());
    }

    public Uni<List<DriftAlert>> alerts(String modelVersion, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT id, model_version, day, subject, psi, threshold, rows_scored, raised_at
                        FROM drift_alert
                        WHERE (:allModels OR model_version = :version)
                        ORDER BY raised_at DESC, id
                        LIMIT :limit
                        """, Object[].class)
                .setParameter("allModels", modelVersion == null)
                .setParameter("version", modelVersion == null ? "" : modelVersion)
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new DriftAlert((String) r[0], (String) r[1], date(r[2]),
                        (String) r[3], ((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue(),
                        ((Number) r[6]).intValue(), Sql.instant(r[7]))).toList()));
    }

    public static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        throw new IllegalArgumentException("Not a date: " + value);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
