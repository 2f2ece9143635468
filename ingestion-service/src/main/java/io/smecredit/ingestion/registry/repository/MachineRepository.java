package io.smecredit.ingestion.registry.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smecredit.ingestion.registry.domain.Machine;
import io.smecredit.ingestion.registry.domain.MachineKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;


@ApplicationScoped
public class MachineRepository implements PanacheRepositoryBase<Machine, MachineKey> {

    public Uni<Long> deleteOfSme(String smeId) {
        return delete("smeId", smeId);
    }
}
