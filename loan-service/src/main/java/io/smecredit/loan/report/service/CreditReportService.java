package io.smecredit.loan.report.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.ScoreReason;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.service.AuditBatcher;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.ConsentGuard;
import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.report.domain.FeatureSummary;
import io.smecredit.loan.report.domain.MonthlyScore;
import io.smecredit.loan.report.resource.CreditReport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a bank may learn about an SME's creditworthiness: only with consent, and never without an audit record. */
@ApplicationScoped
public class CreditReportService {

    static final int MAX_REASONS = 4;
    static final int TREND_MONTHS = 12;
    private static final TypeReference<List<ScoreReason>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    /*
     * The whole read in one round trip, the hottest query of the service: the valid 'credit-report' consent (never
     * cached, so a revocation counts on the very next request), whether any valid consent also grants
     * 'features-summary', the latest score, and its 12-month trend (the last score of each UTC month, the window
     * ending with the score's own as-of month so replayed history still shows a trend), and, only with the
     * 'features-summary' scope, the latest feature vector. Score, trend and features are joined only when the consent
     * exists, so a denied request reads nothing about the SME except whether it is known (for the audit record; the
     * bank's answer is the same either way). One row per trend month; at least one row. The feature vector comes in
     * the first row only, so it crosses the wire once rather than once per month. Each month's last score is one
     * backward probe of the history's primary key (sme_id, as_of): reading all of a year's scores to keep twelve made
     * the report's cost grow with the history (2 ms of 2 for an SME with 1,000 scores).
     *
     * The text is sent with its whitespace collapsed: the client keeps a statement prepared (parsed and planned once
     * per connection) only if its SQL is at most 2,048 characters (Vert.x' prepared-statement cache limit, which
     * Quarkus does not expose). Over it, every report was parsed and planned again, 1.3 of its 1.5 ms in PostgreSQL.
     */
    static final String REPORT = collapseWhitespace("""
            WITH granted AS (
                SELECT id FROM consent
                WHERE bank_id = $1 AND sme_id = $2 AND status = 'valid' AND expires_at > now()
                  AND (',' || scopes || ',') LIKE '%,credit-report,%'
                ORDER BY expires_at DESC
                LIMIT 1),
            summary_granted AS (
                SELECT 1 FROM consent f
                WHERE f.bank_id = $1 AND f.sme_id = $2 AND f.status = 'valid' AND f.expires_at > now()
                  AND (',' || f.scopes || ',') LIKE '%,features-summary,%'
                LIMIT 1),
            latest AS (
                SELECT s.sme_id, s.pd, s.score, s.grade, s.model_version, s.as_of, s.reasons
                FROM sme_latest_score s
                WHERE s.sme_id = $2 AND EXISTS (SELECT 1 FROM granted))
            SELECT CAST(g.id AS VARCHAR) AS consent_id,
                   g.id IS NOT NULL AND EXISTS (SELECT 1 FROM summary_granted) AS with_summary,
                   g.id IS NULL AND (EXISTS (SELECT 1 FROM consent k WHERE k.sme_id = $2)
                                     OR EXISTS (SELECT 1 FROM sme_latest_score k WHERE k.sme_id = $2)) AS sme_known,
                   l.pd, l.score, l.grade, l.model_version, l.as_of, l.reasons,
                   t.month, t.score AS month_score, t.pd AS month_pd, t.grade AS month_grade,
                   CASE WHEN row_number() OVER (ORDER BY t.month) = 1 THEN fv.features END AS features,
                   fv.as_of AS features_as_of
            FROM (SELECT 1) AS one
            LEFT JOIN granted g ON true
            LEFT JOIN latest l ON true
            LEFT JOIN LATERAL (
                SELECT lf.features, lf.as_of FROM sme_latest_features lf
                WHERE lf.sme_id = l.sme_id AND EXISTS (SELECT 1 FROM summary_granted)) AS fv ON true
            LEFT JOIN LATERAL (
                SELECT to_char(m.month_start, 'YYYY-MM') AS month, last.score, last.pd, last.grade
                FROM generate_series(date_trunc('month', l.as_of AT TIME ZONE 'UTC') - interval '11 months',
                                     date_trunc('month', l.as_of AT TIME ZONE 'UTC'), interval '1 month')
                         AS m(month_start)
                CROSS JOIN LATERAL (
                    SELECT h.score, h.pd, h.grade FROM sme_score_history h
                    WHERE h.sme_id = l.sme_id
                      AND h.as_of >= m.month_start AT TIME ZONE 'UTC'
                      AND h.as_of < (m.month_start + interval '1 month') AT TIME ZONE 'UTC'
                      AND h.as_of <= l.as_of
                    ORDER BY h.as_of DESC
                    LIMIT 1) AS last) AS t ON true
            ORDER BY t.month
            """);

    /** Only for SQL without whitespace inside its literals. */
    static String collapseWhitespace(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    private final Pool db;
    private final ConsentGuard consents;
    private final AuditBatcher auditBatcher;
    private final ObjectMapper json;

    public CreditReportService(Pool db, ConsentGuard consents, AuditBatcher auditBatcher, ObjectMapper json) {
        this.db = db;
        this.consents = consents;
        this.auditBatcher = auditBatcher;
        this.json = json;
    }

    /**
     * The report is answered only after its audit record is committed: if the record cannot be written, no report
     * leaves. The record goes through the group-commit batcher, since this is the hottest read. A denial is audited
     * the same way (see {@link ConsentGuard#deny}).
     */
    public Uni<CreditReport> reportFor(Bank bank, String smeId) {
        return db.preparedQuery(REPORT).execute(Tuple.of(bank.id(), smeId)).flatMap(rows -> {
            Row first = rows.iterator().next();
            String consentId = first.getString("consent_id");
            if (consentId == null) {
                return consents.<CreditReport>deny(bank, smeId, ConsentScope.CREDIT_REPORT,
                        Boolean.TRUE.equals(first.getBoolean("sme_known")));
            }
            if (first.getValue("score") == null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND,
                        "No credit score has been computed yet for SME '" + smeId + "'."));
            }
            CreditReport report = build(smeId, first, rows);
            return auditBatcher.append(AuditEntry.byBank(bank.id(), "CREDIT_REPORT_READ", smeId, consentId,
                            "score=" + report.score() + "; modelVersion=" + report.modelVersion() + "; asOf="
                                    + report.asOf() + "; featuresSummary=" + (report.featuresSummary() != null)))
                    .replaceWith(report);
        });
    }

    private CreditReport build(String smeId, Row first, RowSet<Row> rows) {
        List<MonthlyScore> trend = new ArrayList<>(TREND_MONTHS);
        for (Row row : rows) {
            if (row.getString("month") != null) {
                trend.add(new MonthlyScore(row.getString("month"), row.getInteger("month_score"),
                        row.getDouble("month_pd"), row.getString("month_grade")));
            }
        }
        List<ScoreReason> reasons = reasonsOf(smeId, first.getString("reasons"));
        boolean withSummary = Boolean.TRUE.equals(first.getBoolean("with_summary"));
        OffsetDateTime featuresAsOf = first.getOffsetDateTime("features_as_of");
        return new CreditReport(smeId, first.getInteger("score"), first.getDouble("pd"), first.getString("grade"),
                reasons, trend, first.getString("model_version"), first.getOffsetDateTime("as_of").toInstant(),
                withSummary ? FeatureSummary.of(featuresOf(smeId, first.getString("features"))) : null,
                withSummary && featuresAsOf != null ? featuresAsOf.toInstant() : null);
    }

    private Map<String, Double> featuresOf(String smeId, String featuresJson) {
        if (featuresJson == null) {
            return null;
        }
        try {
            return json.readValue(featuresJson, FEATURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored features of " + smeId + " are not readable", e);
        }
    }

    private List<ScoreReason> reasonsOf(String smeId, String reasonsJson) {
        try {
            List<ScoreReason> all = json.readValue(reasonsJson, REASONS);
            return all.size() > MAX_REASONS ? List.copyOf(all.subList(0, MAX_REASONS)) : all;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored reasons of " + smeId + " are not readable", e);
        }
    }
}
