package io.smecredit.loan.report.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.loan.report.domain.LatestScore;
import io.smecredit.loan.report.domain.RecordOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;

@ApplicationScoped
public class LatestScoreRepository implements PanacheRepositoryBase<LatestScore, String> {

    /*
     * One statement decides and writes, so two deliveries racing for the same SME (redelivery after a
     * rebalance, a second instance) cannot interleave a read and a write: the row lock taken by ON CONFLICT
     * serialises them, and the WHERE keeps whichever asOf is later. Equal asOf rewrites the same values, which
     * makes redelivery harmless.
     */
    private static final String UPSERT_IF_NOT_OLDER = """
            INSERT INTO sme_latest_score (sme_id, pd, score, grade, model_version, as_of, updated_at, reasons)
            VALUES (:smeId, :pd, :score, :grade, :modelVersion, :asOf, now(), :reasons)
            ON CONFLICT (sme_id) DO UPDATE SET
                pd = excluded.pd,
                score = excluded.score,
                grade = excluded.grade,
                model_version = excluded.model_version,
                as_of = excluded.as_of,
                updated_at = excluded.updated_at,
                reasons = excluded.reasons
            WHERE sme_latest_score.as_of <= excluded.as_of
            """;

    private static final String APPEND_HISTORY = """
            INSERT INTO sme_score_history (sme_id, as_of, pd, score, grade, model_version)
            VALUES (:smeId, :asOf, :pd, :score, :grade, :modelVersion)
            ON CONFLICT (sme_id, as_of) DO NOTHING
            """;

    /** Must run inside a transaction. Redelivered events are ignored. */
    public Uni<Void> appendHistory(ScoreEvent event) {
        return getSession().flatMap(session -> session.createNativeQuery(APPEND_HISTORY)
                        .setParameter("smeId", event.smeId())
                        .setParameter("asOf", event.asOf().atOffset(ZoneOffset.UTC))
                        .setParameter("pd", event.pd())
                        .setParameter("score", event.score())
                        .setParameter("grade", event.grade())
                        .setParameter("modelVersion", event.modelVersion())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Must run inside a transaction. */
    public Uni<RecordOutcome> upsertIfNotOlder(ScoreEvent event, String reasonsJson) {
        return getSession().flatMap(session -> session.createNativeQuery(UPSERT_IF_NOT_OLDER)
                        .setParameter("smeId", event.smeId())
                        .setParameter("pd", event.pd())
                        .setParameter("score", event.score())
                        .setParameter("grade", event.grade())
                        .setParameter("modelVersion", event.modelVersion())
                        .setParameter("asOf", event.asOf().atOffset(ZoneOffset.UTC))
                        .setParameter("reasons", reasonsJson)
                        .executeUpdate())
                .map(rows -> rows > 0 ? RecordOutcome.APPLIED : RecordOutcome.STALE);
    }
}
