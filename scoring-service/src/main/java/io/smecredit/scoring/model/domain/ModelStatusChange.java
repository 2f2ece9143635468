package io.smecredit.scoring.model.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One step in a model's life, who took it and why: the registry's audit trail. */
@Entity
@Table(name = "model_status_change")
public class ModelStatusChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String version;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status", nullable = false)
    public String toStatus;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** What the registry notes about the change (parity verdict, displaced model). */
    public String note;

    /** The operator's own words, when they gave any (see {@link StatusChangeReason}). */
    public String reason;

    public static ModelStatusChange of(String version, ModelStatus from, ModelStatus to, String actor, Instant at,
                                       String note, String reason) {
        ModelStatusChange change = new ModelStatusChange();
        change.version = version;
        change.fromStatus = from == null ? null : from.dbValue();
        change.toStatus = to.dbValue();
        change.changedBy = actor;
        change.changedAt = at;
        change.note = note;
        change.reason = reason;
        return change;
    }
}
