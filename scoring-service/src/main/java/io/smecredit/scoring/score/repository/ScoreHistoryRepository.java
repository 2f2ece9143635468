package io.smecredit.scoring.score.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.score.domain.ScoreHistory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ScoreHistoryRepository implements PanacheRepository<ScoreHistory> {

    /**
     * Inserts the row unless this SME already has a score for the same as-of time from the same model; a
     * redelivered feature vector then changes nothing. Answers whether a row was inserted.
     */
    public Uni<Boolean> insertIfAbsent(ScoreHistory row) {
        return getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO score_history (sme_id, pd, score, grade, model_version, as_of, scored_at, reasons)
                        VALUES (:smeId, :pd, :score, :grade, :modelVersion, :asOf, :scoredAt, :reasons)
                        ON CONFLICT (sme_id, as_of, model_version) DO NOTHING
                        """)
                .setParameter("smeId", row.smeId)
                .setParameter("pd", row.pd)
                .setParameter("score", row.score)
                .setParameter("grade", row.grade)
                .setParameter("modelVersion", row.modelVersion)
                .setParameter("asOf", row.asOf)
                .setParameter("scoredAt", row.scoredAt)
                .setParameter("reasons", row.reasons)
                .executeUpdate()
                .map(inserted -> inserted > 0));
    }

    public Uni<List<ScoreHistory>> newestFirst(String smeId, int limit) {
        return find("smeId", Sort.descending("asOf", "id"), smeId).page(Page.ofSize(limit)).list();
    }
}
