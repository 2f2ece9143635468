package io.smecredit.scoring.model.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.model.domain.ModelStatus;
import io.smecredit.scoring.model.domain.RegisteredModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<RegisteredModel, String> {

    public Uni<List<RegisteredModel>> newestFirst() {
        return listAll(Sort.descending("createdAt", "version"));
    }

    public Uni<Optional<RegisteredModel>> withStatus(ModelStatus status) {
        return find("status", status.dbValue()).firstResult().map(Optional::ofNullable);
    }

    public Uni<Optional<String>> artifactJson(String version) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT artifact_json FROM model_artifact WHERE version = :version", String.class)
                .setParameter("version", version)
                .getResultList()
                .map(rows -> rows.stream().findFirst()));
    }

    /**
     * Registers the model and its artifact unless this version is already registered; the version is a hash of
     * the content, so the same version is the same model and registering it twice must change nothing.
     * Answers whether it was inserted.
     */
    public Uni<Boolean> insertIfAbsent(RegisteredModel model, String artifactJson) {
        return getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO model (version, status, data_fingerprint, parameters, feature_names,
                                           feature_schema_version, metrics, training_rows, source, created_by,
                                           created_at, status_changed_at)
                        VALUES (:version, :status, :fingerprint, :parameters, :featureNames, :schemaVersion, :metrics,
                                :trainingRows, :source, :createdBy, :createdAt, :createdAt)
                        ON CONFLICT (version) DO NOTHING
                        """)
                .setParameter("version", model.version)
                .setParameter("status", model.status)
                .setParameter("fingerprint", model.dataFingerprint)
                .setParameter("parameters", model.parameters)
                .setParameter("featureNames", model.featureNames)
                .setParameter("schemaVersion", model.featureSchemaVersion)
                .setParameter("metrics", model.metrics)
                .setParameter("trainingRows", model.trainingRows)
                .setParameter("source", model.source)
                .setParameter("createdBy", model.createdBy)
                .setParameter("createdAt", model.createdAt)
                .executeUpdate()
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : session.createNativeQuery(
                                        "INSERT INTO model_artifact (version, artifact_json) VALUES (:version, :json)")
                                .setParameter("version", model.version)
                                .setParameter("json", artifactJson)
                                .executeUpdate()
                                .map(ignored -> true)));
    }

    /** Moves the model from {@code from} to {@code to}; answers false when it was not in {@code from} any more. */
    public Uni<Boolean> changeStatus(String version, ModelStatus from, ModelStatus to, Instant at) {
        return update("status = ?1, statusChangedAt = ?2 where version = ?3 and status = ?4",
                to.dbValue(), at, version, from.dbValue())
                .map(updated -> updated == 1);
    }

    /**
     * The model that was champion just before the current champion took over: the latest change to champion
     * of another model that happened before the current champion's own latest promotion.
     */
    public Uni<Optional<String>> previousChampion(String currentChampion) {
        return getSession().chain(session -> session.createNativeQuery("""
                        SELECT c.version FROM model_status_change c
                        WHERE c.to_status = 'champion' AND c.version <> :current
                          AND c.id < (SELECT max(id) FROM model_status_change
                                      WHERE version = :current AND to_status = 'champion')
                        ORDER BY c.id DESC
                        LIMIT 1
                        """, String.class)
                .setParameter("current", currentChampion)
                .getResultList()
                .map(rows -> rows.stream().findFirst()));
    }
}
