package io.smecredit.loan.report.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The most recent credit score known for one SME; written only by the score consumer's upsert. */
@Entity
@Table(name = "sme_latest_score")
public class LatestScore {

    @Id
    @Column(name = "sme_id")
    private String smeId;

    @Column(name = "pd", nullable = false)
    private double pd;

    @Column(name = "score", nullable = false)
    private int score;

    @Column(name = "grade", nullable = false)
    private String grade;

    @Column(name = "model_version", nullable = false)
    private String modelVersion;

    @Column(name = "as_of", nullable = false)
    private Instant asOf;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The principal reasons as the JSON array of ScoreReason the scoring service published. */
    @Column(name = "reasons", nullable = false)
    private String reasonsJson;

    protected LatestScore() {
        // for Hibernate
    }

    public String smeId() {
        return smeId;
    }

    public double pd() {
        return pd;
    }

    public int score() {
        return score;
    }

    public String grade() {
        return grade;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public Instant asOf() {
        return asOf;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String reasonsJson() {
        return reasonsJson;
    }
}
