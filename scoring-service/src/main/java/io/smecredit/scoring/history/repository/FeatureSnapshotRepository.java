package io.smecredit.scoring.history.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Point-in-time feature snapshots: every consumed vector as it was, the raw material of training and monitoring. */
@ApplicationScoped
public class FeatureSnapshotRepository {

    public Uni<Integer> insertIfAbsent(String smeId, Instant asOf, int schemaVersion, String featuresJson,
                                       Instant receivedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO feature_snapshot (sme_id, as_of, schema_version, features, received_at)
                        VALUES (:smeId, :asOf, :schemaVersion, :features, :receivedAt)
                        ON CONFLICT (sme_id, as_of, schema_version) DO NOTHING
                        """)
                .setParameter("smeId", smeId)
                .setParameter("asOf", asOf)
                .setParameter("schemaVersion", schemaVersion)
                .setParameter("features", featuresJson)
                .setParameter("receivedAt", receivedAt)
                .executeUpdate());
    }
}
