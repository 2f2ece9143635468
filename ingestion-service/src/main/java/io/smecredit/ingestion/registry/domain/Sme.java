package io.smecredit.ingestion.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A small manufacturer known to the platform; telemetry for SMEs not in the registry is rejected. */
@Entity
@Table(name = "sme")
public class Sme {

    @Id
    @Column(name = "sme_id")
    private String smeId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String industry;

    @Column(nullable = false)
    private String region;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Sme() {
    }

    public Sme(String smeId, String name, String industry, String region, Instant createdAt) {
        this.smeId = smeId;
        this.name = name;
        this.industry = industry;
        this.region = region;
        this.createdAt = createdAt;
    }

    public void describe(String name, String industry, String region) {
        this.name = name;
        this.industry = industry;
        this.region = region;
    }

    public String smeId() {
        return smeId;
    }

    public String name() {
        return name;
    }

    public String industry() {
        return industry;
    }

    public String region() {
        return region;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
