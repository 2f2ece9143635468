package io.smecredit.loan.application.stream;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.loan.alert.domain.AlertRules;
import io.smecredit.loan.alert.domain.AlertType;
import io.smecredit.loan.alert.service.AlertRaiser;
import io.smecredit.loan.application.domain.DecisionEngine;
import io.smecredit.loan.application.repository.LatestFeaturesRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.smecredit.contracts.SmeId;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.Multi;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps each SME's latest feature vector: the production facts (scale, stoppages) credit policy rules read. */
@ApplicationScoped
public class FeatureConsumer {

    private static final Logger LOG = Logger.getLogger(FeatureConsumer.class);

    private final LatestFeaturesRepository repository;
    private final AlertRaiser alerts;
    private final int productionStoppedDays;

    public FeatureConsumer(LatestFeaturesRepository repository, AlertRaiser alerts,
                           @ConfigProperty(name = "loan.alerts.production-stopped-days") int productionStoppedDays) {
        this.repository = repository;
        this.alerts = alerts;
        this.productionStoppedDays = productionStoppedDays;
    }

    /**
     * One transaction per poll; per SME only the batch's newest vector is stored, but a stoppage is detected along
     * the whole sequence (stored vector, then the batch's vectors in as-of order).
     */
    @Incoming("features-in")
    public Uni<Void> onFeatures(ConsumerRecords<String, FeatureVector> records) {
        Map<String, java.util.List<FeatureVector>> perSme = new LinkedHashMap<>();
        for (ConsumerRecord<String, FeatureVector> record : records) {
            FeatureVector vector = record.value();
            if (vector == null || !SmeId.isValid(vector.smeId()) || vector.asOf() == null || vector.features() == null) {
                LOG.warnf("Skipping unusable feature vector at %s-%d@%d", record.topic(), record.partition(),
                        record.offset());
                continue;
            }
            perSme.computeIfAbsent(vector.smeId(), id -> new java.util.ArrayList<>()).add(vector);
        }
        if (perSme.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Multi.createFrom().iterable(perSme.values())
                        .onItem().transformToUniAndConcatenate(this::keep)
                        .collect().last())
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .replaceWithVoid();
    }

    private Uni<Void> keep(java.util.List<FeatureVector> vectorsOfSme) {
        java.util.List<FeatureVector> ordered = vectorsOfSme.stream()
                .sorted(java.util.Comparator.comparing(FeatureVector::asOf)).toList();
        FeatureVector newest = ordered.get(ordered.size() - 1);
        return repository.latestOf(newest.smeId())
                .flatMap(previous -> repository.upsertIfNotOlder(newest).call(applied -> {
                    if (applied != 1) {
                        return Uni.createFrom().voidItem();
                    }
                    java.time.Instant runningAsOf = previous == null ? null : previous.asOf();
                    Double running = previous == null ? null
                            : previous.features().get(DecisionEngine.DAYS_WITHOUT_OUTPUT_FEATURE);
                    for (FeatureVector vector : ordered) {
                        if (runningAsOf != null && !runningAsOf.isBefore(vector.asOf())) {
                            continue;
                        }
                        Double now = vector.features().get(DecisionEngine.DAYS_WITHOUT_OUTPUT_FEATURE);
                        if (AlertRules.productionStopped(running, now, productionStoppedDays)) {
                            // One alert per stoppage: later vectors of the batch continue the same stoppage.
                            return alerts.raise(vector.smeId(), AlertType.PRODUCTION_STOPPED, null,
                                    "{\"daysWithoutOutput\":" + now + "}", vector.asOf());
                        }
                        running = now;
                        runningAsOf = vector.asOf();
                    }
                    return Uni.createFrom().voidItem();
                }))
                .replaceWithVoid();
    }
}
