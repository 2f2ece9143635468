package io.smecredit.loan.application.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.FeatureVector;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import java.util.Map;

/** The latest feature vector per SME, kept from the compacted features topic. */
@ApplicationScoped
public class LatestFeaturesRepository {

    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    // As for scores: one statement decides and writes, so redelivery or out-of-order vectors keep the newest.
    private static final String UPSERT_IF_NOT_OLDER = """
            INSERT INTO sme_latest_features (sme_id, as_of, schema_version, features, updated_at)
            VALUES (:smeId, :asOf, :schemaVersion, :features, now())
            ON CONFLICT (sme_id) DO UPDATE SET
                as_of = excluded.as_of, schema_version = excluded.schema_version,
                features = excluded.features, updated_at = excluded.updated_at
            WHERE sme_latest_features.as_of <= excluded.as_of
            """;

    public record StoredFeatures(Instant asOf, Map<String, Double> features) {
    }

    private final ObjectMapper json;

    public LatestFeaturesRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Must run inside a transaction. */
    public Uni<Integer> upsertIfNotOlder(FeatureVector vector) {
        String features;
        try {
            features = json.writeValueAsString(vector.features());
        } catch (Exception e) {
            throw new IllegalStateException("Features could not be written as JSON", e);
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery(UPSERT_IF_NOT_OLDER)
                .setParameter("smeId", vector.smeId())
                .setParameter("asOf", vector.asOf().atOffset(ZoneOffset.UTC))
                .setParameter("schemaVersion", vector.schemaVersion())
                .setParameter("features", features)
                .executeUpdate());
    }

    /** Null when no vector is known. Must run inside a session. */
    public Uni<StoredFeatures> latestOf(String smeId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "SELECT as_of, features FROM sme_latest_features WHERE sme_id = :smeId", Object[].class)
                        .setParameter("smeId", smeId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : toStored(rows.get(0)));
    }

    private StoredFeatures toStored(Object[] row) {
        try {
            Instant asOf = row[0] instanceof OffsetDateTime o ? o.toInstant() : (Instant) row[0];
            return new StoredFeatures(asOf, json.readValue((String) row[1], FEATURES));
        } catch (Exception e) {
            throw new IllegalStateException("Stored features are not readable", e);
        }
    }

}
