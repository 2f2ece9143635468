package io.smecredit.ingestion.history.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** An SME's features as known at the end of one day (UTC), with the feature-schema version they were computed in. */
@Entity
@Table(name = "feature_snapshot")
@IdClass(FeatureSnapshotKey.class)
public class FeatureSnapshot {

    @Id
    @Column(name = "sme_id")
    private String smeId;

    @Id
    @Column(name = "day")
    private LocalDate day;

    @Column(name = "as_of", nullable = false)
    private Instant asOf;

    @Column(name = "schema_version", nullable = false)
    private int schemaVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "features", nullable = false)
    private Map<String, Double> features;

    protected FeatureSnapshot() {
    }

    public String smeId() {
        return smeId;
    }

    public LocalDate day() {
        return day;
    }

    public Instant asOf() {
        return asOf;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Map<String, Double> features() {
        return features;
    }
}
