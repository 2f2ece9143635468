package io.smecredit.ingestion.registry.domain;

import java.io.Serializable;
import java.util.Objects;

/** Machine ids are only unique within their SME, hence the composite key. */
public class MachineKey implements Serializable {

    private String smeId;
    private String machineId;

    protected MachineKey() {
    }

    public MachineKey(String smeId, String machineId) {
        this.smeId = smeId;
        this.machineId = machineId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MachineKey key && smeId.equals(key.smeId) && machineId.equals(key.machineId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(smeId, machineId);
    }
}
