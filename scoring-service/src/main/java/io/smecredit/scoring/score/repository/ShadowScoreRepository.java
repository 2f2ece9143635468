package io.smecredit.scoring.score.repository;

import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.score.domain.ShadowScore;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.hibernate.reactive.panache.Panache;

import java.util.List;

/** Shadow scores by the challenger; plain SQL because they are only ever inserted and summarised. */
@ApplicationScoped
public class ShadowScoreRepository {

    /**
     * Aggregate comparison of a challenger with the champions it shadowed. The means and the maximum are null until
     * it has shadowed a vector: a mean PD of 0 over no vectors would read as a model that sees no risk.
     */
    public record Comparison(String modelVersion, long vectors, Double meanPd, Double meanChampionPd,
                             Double meanAbsPdDifference, Double maxAbsPdDifference) {
    }

    public Uni<Integer> insertIfAbsent(ShadowScore shadow) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO shadow_score (sme_id, as_of, model_version, pd, score, grade, champion_version,
                                                  champion_pd, scored_at)
                        VALUES (:smeId, :asOf, :modelVersion, :pd, :score, :grade, :championVersion, :championPd,
                                :scoredAt)
                        ON CONFLICT (sme_id, as_of, model_version) DO NOTHING
                        """)
                .setParameter("smeId", shadow.smeId())
                .setParameter("asOf", shadow.asOf())
                .setParameter("modelVersion", shadow.modelVersion())
                .setParameter("pd", shadow.pd())
                .setParameter("score", shadow.score())
                .setParameter("grade", shadow.grade())
                .setParameter("championVersion", shadow.championVersion())
                .setParameter("championPd", shadow.championPd())
                .setParameter("scoredAt", shadow.scoredAt())
                .executeUpdate());
    }

    public Uni<List<ShadowScore>> newestFirst(String modelVersion, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT sme_id, as_of, model_version, pd, score, grade, champion_version, champion_pd, scored_at
                        FROM shadow_score WHERE model_version = :version ORDER BY scored_at DESC, id DESC LIMIT :limit
                        """, Object[].class)
                .setParameter("version", modelVersion)
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new ShadowScore((String) r[0], Sql.instant(r[1]), (String) r[2],
                        ((Number) r[3]).doubleValue(), ((Number) r[4]).intValue(), (String) r[5], (String) r[6],
                        ((Number) r[7]).doubleValue(), Sql.instant(r[8]))).toList()));
    }

    public Uni<Comparison> compare(String modelVersion) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT count(*), avg(pd), avg(champion_pd), avg(abs(pd - champion_pd)),
                               max(abs(pd - champion_pd))
                        FROM shadow_score WHERE model_version = :version
                        """, Object[].class)
                .setParameter("version", modelVersion)
                .getSingleResult()
                .map(r -> new Comparison(modelVersion, ((Number) r[0]).longValue(), orNull(r[1]), orNull(r[2]),
                        orNull(r[3]), orNull(r[4]))));
    }

    private static Double orNull(Object number) {
        return number == null ? null : ((Number) number).doubleValue();
    }
}
