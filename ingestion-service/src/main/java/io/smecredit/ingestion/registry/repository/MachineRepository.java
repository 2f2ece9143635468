package io.smecredit.ingestion.registry.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smecredit.ingestion.registry.domain.Machine;
import io.smecredit.ingestion.registry.domain.MachineKey;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;


@ApplicationScoped
public class MachineRepository implements PanacheRepositoryBase<Machine, MachineKey> {

    public Uni<List<Machine>> ofSme(String smeId) {
        return list("smeId", Sort.by("machineId"), smeId);
    }

    public Uni<Long> deleteOfSme(String smeId) {
        return delete("smeId", smeId);
    }
}
