package io.smecredit.ingestion.history.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.ingestion.history.domain.FeatureSnapshot;
import io.smecredit.ingestion.history.repository.FeatureSnapshotRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Point-in-time features for operators and model training. */
@ApplicationScoped
public class FeatureHistoryService {

    private final FeatureSnapshotRepository snapshots;

    public FeatureHistoryService(FeatureSnapshotRepository snapshots) {
        this.snapshots = snapshots;
    }

    /** The latest snapshot, or with {@code day} the one known at the end of that day (never a later day's). */
    @WithSession
    public Uni<FeatureSnapshot> find(String smeId, LocalDate day) {
        return (day == null ? snapshots.latest(smeId) : snapshots.asOf(smeId, day))
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND, day == null
                        ? "No features recorded for SME '" + smeId + "'."
                        : "No features recorded for SME '" + smeId + "' on or before " + day + "."));
    }

    /** JSONB keeps no key order: show dictionary order, then any names of other schema versions. */
    public static Map<String, Double> ordered(Map<String, Double> features) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        FeatureDictionary.names().stream().filter(features::containsKey).forEach(name -> ordered.put(name, features.get(name)));
        features.keySet().stream().sorted().forEach(name -> ordered.putIfAbsent(name, features.get(name)));
        return ordered;
    }
}
