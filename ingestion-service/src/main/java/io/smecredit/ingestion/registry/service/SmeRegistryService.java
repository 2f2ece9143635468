package io.smecredit.ingestion.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.SmeProfile;
import io.smecredit.ingestion.registry.domain.Machine;
import io.smecredit.ingestion.registry.domain.RegisteredSme;
import io.smecredit.ingestion.registry.kafka.RegistryPublisher;
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
    private final RegistryPublisher publisher;

    public SmeRegistryService(SmeRepository smes, MachineRepository machines, Clock clock, RegistryPublisher publisher) {
        this.smes = smes;
        this.machines = machines;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** Tells the feature engine about the SME's (possibly new) cohort. */
    public Uni<Void> announce(SmeProfile profile) {
        return Uni.createFrom().voidItem()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> publisher.publish(List.of(profile)))
                .onFailure().transform(e -> new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                        "The registration is saved, but the feature engine could not be told about it (Kafka: "
                                + e.getMessage() + "); repeat the request."));
    }

    /** Republishes the whole registry, e.g. at startup, so the feature engine's cohort lookup matches the database. */
    public Uni<Integer> announceAll() {
        return Panache.withSession(() -> smes.listAll())
                .map(all -> all.stream().map(sme -> new SmeProfile(sme.smeId(), sme.name(), sme.industry(), sme.region()))
                        .toList())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .call(publisher::publish)
                .map(List::size);
    }

    /** The SME as registered, with its machines. */
    @WithSession
    public Uni<RegisteredSme> find(String smeId) {
        return smes.findById(smeId)
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "SME '" + smeId + "' is not registered."))
                .chain(sme -> machines.ofSme(smeId).map(list -> new RegisteredSme(sme,
                        list.stream().map(Machine::machineId).toList())));
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
