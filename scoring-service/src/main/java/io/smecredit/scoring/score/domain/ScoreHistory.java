package io.smecredit.scoring.score.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One score given to one SME by one model for the features as of {@code asOf}. Unique per (smeId, asOf, modelVersion). */
@Entity
@Table(name = "score_history")
public class ScoreHistory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sme_id", nullable = false)
    public String smeId;

    @Column(nullable = false)
    public double pd;

    @Column(nullable = false)
    public int score;

    @Column(nullable = false)
    public String grade;

    @Column(name = "model_version", nullable = false)
    public String modelVersion;

    @Column(name = "as_of", nullable = false)
    public Instant asOf;

    @Column(name = "scored_at", nullable = false)
    public Instant scoredAt;

    /** JSON list of the score's principal reasons (ScoreReason); null for scores recorded before reasons existed. */
    public String reasons;
}
