package io.smecredit.ingestion.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smecredit.ingestion.registry.domain.Machine;
import io.smecredit.ingestion.registry.domain.Sme;
import io.smecredit.ingestion.registry.repository.MachineRepository;
import io.smecredit.ingestion.registry.repository.SmeRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Registers SMEs and their machines. */
@ApplicationScoped
public class SmeRegistryService {

    private final SmeRepository smes;
    private final MachineRepository machines;
    private final Clock clock;

    public SmeRegistryService(SmeRepository smes, MachineRepository machines, Clock clock) {
        this.smes = smes;
        this.machines = machines;
        this.clock = clock;
    }

    /**
     * Creates or replaces an SME with exactly the given machines (PUT semantics: machines not listed are removed).
     * Answers whether the SME was created.
     */
    @WithTransaction
    public Uni<Boolean> register(String smeId, String name, String industry, String region, Set<String> machineIds) {
        return smes.findById(smeId).chain(existing -> {
            boolean created = existing == null;
            Uni<Sme> saved;
            if (created) {
                saved = smes.persist(new Sme(smeId, name, industry, region, clock.instant()));
            } else {
                existing.describe(name, industry, region);
                saved = Uni.createFrom().item(existing);
            }
            List<Machine> wanted = machineIds.stream().sorted().map(id -> new Machine(smeId, id)).toList();
            return saved
                    .chain(() -> machines.deleteOfSme(smeId))
                    .chain(() -> machines.persist(wanted))
                    .replaceWith(created);
        });
    }
}
