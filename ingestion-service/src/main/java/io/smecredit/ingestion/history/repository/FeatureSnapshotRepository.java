package io.smecredit.ingestion.history.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.ingestion.history.domain.FeatureSnapshot;
import io.smecredit.ingestion.history.domain.FeatureSnapshotKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;

@ApplicationScoped
public class FeatureSnapshotRepository implements PanacheRepositoryBase<FeatureSnapshot, FeatureSnapshotKey> {

    /**
     * The reactive driver may send the JSON text as a JSON string scalar; {@code #>> '{}'} unwraps it either way, so
     * the column always holds the features object.
     *
     * <p>The day's row takes the vector unless it already holds a newer one: vectors of one SME arrive in order, but a
     * redelivery after a restart may replay an older one, which must not overwrite what was known later that day.
     */
    private static final String UPSERT = """
            INSERT INTO feature_snapshot (sme_id, day, as_of, schema_version, features, recorded_at)
            VALUES (?1, ?2, ?3, ?4, CAST(CAST(?5 AS jsonb) #>> '{}' AS jsonb), now())
            ON CONFLICT (sme_id, day) DO UPDATE
               SET as_of = EXCLUDED.as_of, schema_version = EXCLUDED.schema_version,
                   features = EXCLUDED.features, recorded_at = now()
             WHERE feature_snapshot.as_of <= EXCLUDED.as_of""";

    private final ObjectMapper mapper;

    public FeatureSnapshotRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Call inside a transaction. */
    public Uni<Integer> record(FeatureVector vector) {
        String features;
        try {
            features = mapper.writeValueAsString(vector.features());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        String json = features;
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter(1, vector.smeId())
                .setParameter(2, LocalDate.ofInstant(vector.asOf(), ZoneOffset.UTC))
                .setParameter(3, vector.asOf().atOffset(ZoneOffset.UTC))
                .setParameter(4, vector.schemaVersion())
                .setParameter(5, json)
                .executeUpdate());
    }

    /** The snapshot of the latest day not after {@code day}: what was known at the end of that day. */
    public Uni<FeatureSnapshot> asOf(String smeId, LocalDate day) {
        return find("smeId = ?1 and day <= ?2 order by day desc", smeId, day).firstResult();
    }

    public Uni<FeatureSnapshot> latest(String smeId) {
        return find("smeId = ?1 order by day desc", smeId).firstResult();
    }
}
