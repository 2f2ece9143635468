package io.smecredit.scoring.model.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smecredit.model.ModelArtifactJson;
import io.smecredit.model.ServingModel;
import io.smecredit.scoring.model.domain.LoadedModel;
import io.smecredit.scoring.model.domain.ModelStatus;
import io.smecredit.scoring.model.domain.RegisteredModel;
import io.smecredit.scoring.model.repository.ModelRepository;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this instance serves right now: the champion (scores published to banks) and the challenger (shadow
 * scores only), as one immutable pair swapped with a single reference write, so a scoring call never sees half of
 * two models. The pair follows the registry: reloaded at once after a change made through this instance, and by
 * polling every {@code scoring.registry.poll-interval} for changes made through other instances.
 */
@ApplicationScoped
public class ServedModels {

    /** The models served together; {@code challenger} may be null, {@code champion} only before the first load. */
    public record Served(LoadedModel champion, LoadedModel challenger) {

        public Optional<LoadedModel> championIfLoaded() {
            return Optional.ofNullable(champion);
        }

        public Optional<LoadedModel> challengerIfAny() {
            return Optional.ofNullable(challenger);
        }
    }

    private static final Logger LOG = Logger.getLogger(ServedModels.class);

    private final ModelRepository models;
    private final Vertx vertx;
    private final AtomicReference<Served> served = new AtomicReference<>(new Served(null, null));
    /** Parsed models by version: artifacts are immutable, so a version is parsed once however often it returns. */
    private final Map<String, LoadedModel> loaded = new ConcurrentHashMap<>();
    private final AtomicLong reloadsStarted = new AtomicLong();
    private long reloadApplied;

    public ServedModels(ModelRepository models, Vertx vertx) {
        this.models = models;
        this.vertx = vertx;
    }

    public Served current() {
        return served.get();
    }

    public Optional<LoadedModel> champion() {
        return current().championIfLoaded();
    }

    public LoadedModel requireChampion() {
        LoadedModel champion = current().champion();
        if (champion == null) {
            throw new ModelNotLoadedException();
        }
        return champion;
    }

    /** Reads champion and challenger from the registry and serves them, parsing only versions not seen before. */
    public Uni<Void> reload() {
        long ticket = reloadsStarted.incrementAndGet();
        return Panache.withSession(() -> models.withStatus(ModelStatus.CHAMPION)
                        .chain(champion -> models.withStatus(ModelStatus.CHALLENGER)
                                .map(challenger -> new String[]{version(champion), version(challenger)})))
                .chain(versions -> load(versions[0])
                        .chain(champion -> load(versions[1]).map(challenger -> new Served(champion, challenger))))
                .invoke(next -> apply(ticket, next))
                .replaceWithVoid();
    }

    @Scheduled(every = "${scoring.registry.poll-interval}", delayed = "${scoring.registry.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollRegistry() {
        try {
            VertxContextSupport.subscribeAndAwait(this::reload);
        } catch (Throwable e) {
            // Keep serving what is loaded: a registry that is briefly unreachable must not stop scoring.
            LOG.warnf("Could not poll the model registry: %s", e.toString());
        }
    }

    private synchronized void apply(long ticket, Served next) {
        // A reload that started earlier but finished later read an older registry state: never let it win.
        if (ticket < reloadApplied) {
            return;
        }
        reloadApplied = ticket;
        Served previous = served.getAndSet(next);
        if (!Objects.equals(version(previous.champion()), version(next.champion()))
                || !Objects.equals(version(previous.challenger()), version(next.challenger()))) {
            LOG.infof("Now serving champion %s, challenger %s", version(next.champion()), version(next.challenger()));
        }
        loaded.keySet().removeIf(v -> !v.equals(version(next.champion())) && !v.equals(version(next.challenger())));
    }

    private Uni<LoadedModel> load(String version) {
        if (version == null) {
            return Uni.createFrom().nullItem();
        }
        LoadedModel cached = loaded.get(version);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> models.artifactJson(version))
                .map(json -> json.orElseThrow(() -> new IllegalStateException("Model " + version + " has no artifact")))
                // Parsing a few megabytes of trees and building the TreeSHAP tables is CPU work: off the event loop,
                // and before the model is served, so the first explained score does not pay for the tables.
                .chain(json -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    ServingModel serving = ServingModel.of(ModelArtifactJson.read(json.getBytes(StandardCharsets.UTF_8)));
                    serving.ensemble().prepareExplanations();
                    return new LoadedModel(serving);
                }), false))
                .invoke(model -> loaded.put(version, model));
    }

    private static String version(Optional<RegisteredModel> model) {
        return model.map(m -> m.version).orElse(null);
    }

    private static String version(LoadedModel model) {
        return model == null ? null : model.version();
    }

    /** Scoring was asked for before the first model finished loading. */
    public static class ModelNotLoadedException extends IllegalStateException {
        public ModelNotLoadedException() {
            super("No scoring model is loaded yet");
        }
    }
}
