package io.smecredit.ingestion.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A machine of an SME that is allowed to report telemetry. */
@Entity
@Table(name = "machine")
@IdClass(MachineKey.class)
public class Machine {

    @Id
    @Column(name = "sme_id")
    private String smeId;

    @Id
    @Column(name = "machine_id")
    private String machineId;

    protected Machine() {
    }

    public Machine(String smeId, String machineId) {
        this.smeId = smeId;
        this.machineId = machineId;
    }

    public String smeId() {
        return smeId;
    }

    public String machineId() {
        return machineId;
    }
}
