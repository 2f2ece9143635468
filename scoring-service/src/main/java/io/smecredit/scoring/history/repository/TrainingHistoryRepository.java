package io.smecredit.scoring.history.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.history.domain.OutcomeLabel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Labelled rows from platform history: feature snapshots joined with the outcomes that followed them. */
@ApplicationScoped
public class TrainingHistoryRepository {

    /** One snapshot with its features as JSON and its label. */
    public record LabelledSnapshot(String smeId, Instant asOf, String featuresJson, boolean defaulted) {
    }

    /**
     * The latest snapshot per SME and as-of day in [{@code from}, {@code to}) of the schema, labelled as
     * {@link OutcomeLabel} says; only snapshots whose whole horizon has passed at {@code now}, defaulters included:
     * keeping a recent snapshot because it has already defaulted, while its recent non-defaulting peers must wait,
     * would choose rows by their outcome and inflate the learnt PD (5.4 times with 13 months of history). One row per
     * SME and day, because the feature topic carries a vector per telemetry update and chatty SMEs must not dominate.
     */
    public Uni<List<LabelledSnapshot>> labelled(int schemaVersion, Instant from, Instant to, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        WITH daily AS (
                            SELECT DISTINCT ON (sme_id, CAST(as_of AT TIME ZONE 'UTC' AS date)) sme_id, as_of, features
                            FROM feature_snapshot
                            WHERE schema_version = :schema AND as_of >= :from AND as_of < :to
                            ORDER BY sme_id, CAST(as_of AT TIME ZONE 'UTC' AS date), as_of DESC
                        ), labelled AS (
                            SELECT d.sme_id, d.as_of, d.features,
                                   EXISTS (SELECT 1 FROM credit_outcome o
                                           WHERE o.sme_id = d.sme_id AND o.type = :defaulted
                                             AND o.outcome_date > CAST(d.as_of AT TIME ZONE 'UTC' AS date)
                                             AND o.outcome_date <= CAST((d.as_of AT TIME ZONE 'UTC') + make_interval(months => :months) AS date))
                                       AS defaulted
                            FROM daily d
                        )
                        SELECT sme_id, as_of, features, defaulted FROM labelled
                        WHERE as_of <= :matureBefore
                        ORDER BY as_of, sme_id
                        """, Object[].class)
                .setParameter("schema", schemaVersion)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("matureBefore", OutcomeLabel.labelledUntil(now))
                .setParameter("defaulted", OutcomeLabel.DEFAULTED)
                .setParameter("months", (int) OutcomeLabel.HORIZON.toTotalMonths())
                .getResultList()
                .map(rows -> rows.stream().map(r -> new LabelledSnapshot((String) r[0],
                        io.smecredit.scoring.score.repository.Sql.instant(r[1]), (String) r[2], (Boolean) r[3]))
                        .toList()));
    }
}
