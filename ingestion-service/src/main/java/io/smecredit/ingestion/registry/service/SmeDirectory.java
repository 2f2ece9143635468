package io.smecredit.ingestion.registry.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smecredit.ingestion.registry.domain.RegistrySnapshot;
import io.smecredit.ingestion.registry.domain.Sme;
import io.smecredit.ingestion.registry.repository.MachineRepository;
import io.smecredit.ingestion.registry.repository.SmeRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the SME registry from memory. Telemetry arrives in batches of thousands of events; reading the registry per
 * event would make the database the bottleneck. The snapshot is reloaded after every registration made through this
 * instance and, for registrations made through other instances, when it is older than
 * {@code ingestion.registry.max-age}. While a reload runs, or when the database is down, the previous snapshot keeps
 * serving.
 */
@ApplicationScoped
public class SmeDirectory {

    private static final Logger LOG = Logger.getLogger(SmeDirectory.class);

    private final SmeRepository smes;
    private final MachineRepository machines;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicLong generations = new AtomicLong();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Loaded current;

    public SmeDirectory(SmeRepository smes, MachineRepository machines, Clock clock,
                        @ConfigProperty(name = "ingestion.registry.max-age", defaultValue = "30s") Duration maxAge) {
        this.smes = smes;
        this.machines = machines;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public Uni<RegistrySnapshot> snapshot() {
        Loaded loaded = current;
        if (loaded == null) {
            return reload();
        }
        boolean stale = loaded.loadedAt.plus(maxAge).isBefore(clock.instant());
        if (!stale || !refreshing.compareAndSet(false, true)) {
            return Uni.createFrom().item(loaded.snapshot);
        }
        return reload()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not refresh the SME registry, serving the snapshot of %s: %s", loaded.loadedAt, e);
                    return loaded.snapshot;
                })
                .eventually(() -> refreshing.set(false));
    }

    /** Reads the whole registry; a slower reload that started earlier never replaces a newer snapshot. */
    public Uni<RegistrySnapshot> reload() {
        long generation = generations.incrementAndGet();
        Instant startedAt = clock.instant();
        return Panache.withSession(() -> smes.listAll()
                        .chain(all -> machines.listAll().map(machineList ->
                                RegistrySnapshot.of(all.stream().map(Sme::smeId).toList(), machineList))))
                .invoke(snapshot -> install(new Loaded(snapshot, startedAt, generation)));
    }

    private synchronized void install(Loaded candidate) {
        if (current == null || candidate.generation > current.generation) {
            current = candidate;
        }
    }

    private record Loaded(RegistrySnapshot snapshot, Instant loadedAt, long generation) {
    }
}
