package io.smecredit.ingestion.history.kafka;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.ingestion.history.repository.FeatureSnapshotRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the daily snapshots from the features topic (committed records only), a batch at a time: only the last vector
 * of each SME and day in a batch can end up in its row, so the others are skipped before touching the database.
 * At-least-once: a redelivered vector rewrites the same row with the same values, and an older one is ignored by the
 * upsert.
 */
@ApplicationScoped
public class FeatureSnapshotConsumer {

    private static final Logger LOG = Logger.getLogger(FeatureSnapshotConsumer.class);

    private final FeatureSnapshotRepository snapshots;

    public FeatureSnapshotConsumer(FeatureSnapshotRepository snapshots) {
        this.snapshots = snapshots;
    }

    @Incoming("feature-snapshots")
    public Uni<Void> record(List<FeatureVector> vectors) {
        List<FeatureVector> endOfDay = lastPerSmeAndDay(vectors);
        if (endOfDay.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Multi.createFrom().iterable(endOfDay)
                        .onItem().transformToUniAndConcatenate(snapshots::record)
                        .collect().last())
                // While PostgreSQL is down, hold the stream rather than skip a day's snapshot.
                .onFailure().invoke(e -> LOG.warnf("%d feature snapshots not stored yet, retrying: %s",
                        endOfDay.size(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }

    static List<FeatureVector> lastPerSmeAndDay(List<FeatureVector> vectors) {
        Map<String, FeatureVector> last = new LinkedHashMap<>();
        for (FeatureVector vector : vectors) {
            if (vector == null || vector.smeId() == null || vector.asOf() == null || vector.features() == null) {
                continue;
            }
            String key = vector.smeId() + '|' + LocalDate.ofInstant(vector.asOf(), ZoneOffset.UTC);
            FeatureVector kept = last.get(key);
            if (kept == null || !vector.asOf().isBefore(kept.asOf())) {
                last.put(key, vector);
            }
        }
        return List.copyOf(last.values());
    }
}
