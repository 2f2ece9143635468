package io.smecredit.scoring.model.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A model in the registry: its metadata and lifecycle status. The artifact itself (trees, calibration, baseline)
 * lives in {@code model_artifact} and is read only when the model is loaded for serving or audit.
 */
@Entity
@Table(name = "model")
public class RegisteredModel {

    @Id
    public String version;

    @Column(nullable = false)
    public String status;

    @Column(name = "data_fingerprint", nullable = false)
    public String dataFingerprint;

    /** JSON object of the training parameters. */
    @Column(nullable = false)
    public String parameters;

    /** JSON array of feature names in column order. */
    @Column(name = "feature_names", nullable = false)
    public String featureNames;

    @Column(name = "feature_schema_version", nullable = false)
    public int featureSchemaVersion;

    /** JSON object of held-out metrics. */
    @Column(nullable = false)
    public String metrics;

    @Column(name = "training_rows", nullable = false)
    public int trainingRows;

    /** Where the training data came from: bootstrap (simulated), platform-history or upload. */
    @Column(nullable = false)
    public String source;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    public ModelStatus modelStatus() {
        return ModelStatus.fromDb(status);
    }
}
