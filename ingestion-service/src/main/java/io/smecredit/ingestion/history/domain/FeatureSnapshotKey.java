package io.smecredit.ingestion.history.domain;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** One snapshot per SME and day. */
public class FeatureSnapshotKey implements Serializable {

    private String smeId;
    private LocalDate day;

    protected FeatureSnapshotKey() {
    }

    public FeatureSnapshotKey(String smeId, LocalDate day) {
        this.smeId = smeId;
        this.day = day;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureSnapshotKey key && smeId.equals(key.smeId) && day.equals(key.day);
    }

    @Override
    public int hashCode() {
        return Objects.hash(smeId, day);
    }
}
