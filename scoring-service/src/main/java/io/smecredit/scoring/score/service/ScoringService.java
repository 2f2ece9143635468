package io.smecredit.scoring.score.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.scoring.history.repository.FeatureSnapshotRepository;
import io.smecredit.scoring.model.domain.LoadedModel;
import io.smecredit.scoring.model.service.ServedModels;
import io.smecredit.scoring.score.domain.ModelScore;
import io.smecredit.scoring.score.domain.ModelScorer;
import io.smecredit.scoring.score.domain.ScoreHistory;
import io.smecredit.scoring.score.domain.ShadowScore;
import io.smecredit.scoring.score.repository.ScoreHistoryRepository;
import io.smecredit.scoring.score.repository.ShadowScoreRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scores one consumed feature vector: keeps it as a point-in-time snapshot (training and monitoring data),
 * scores it with the champion (recorded in the SME's history and answered for publication) and, when there is
 * a challenger, with the challenger in shadow (stored for comparison only). Vectors the champion cannot honestly
 * score are skipped, logged and counted, never guessed at. Scoring is pure Java and takes microseconds, so it
 * runs on the consumer's thread.
 */
@ApplicationScoped
public class ScoringService {

    /** Longest SME id the tables store (varchar(64)). */
    static final int MAX_SME_ID_LENGTH = 64;
    static final String SKIPPED_METRIC = "scoring.feature_vectors.skipped";
    static final String SCORED_METRIC = "scoring.feature_vectors.scored";
    static final String IGNORED_FEATURES_METRIC = "scoring.feature_vectors.ignored_features";

    private static final Logger LOG = Logger.getLogger(ScoringService.class);

    private final ServedModels served;
    private final ScoreHistoryRepository history;
    private final ShadowScoreRepository shadows;
    private final FeatureSnapshotRepository snapshots;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public ScoringService(ServedModels served, ScoreHistoryRepository history, ShadowScoreRepository shadows,
                          FeatureSnapshotRepository snapshots, ObjectMapper json, MeterRegistry meters) {
        this.served = served;
        this.history = history;
        this.shadows = shadows;
        this.snapshots = snapshots;
        this.json = json;
        this.meters = meters;
    }

    public Uni<Optional<ScoreEvent>> score(FeatureVector vector) {
        ServedModels.Served models = served.current();
        LoadedModel champion = models.champion();
        if (champion == null) {
            throw new ServedModels.ModelNotLoadedException();
        }
        Optional<String> unusable = unusable(vector);
        if (unusable.isPresent()) {
            return skip(unusable.get());
        }
        Instant now = clock.instant();
        String snapshot = snapshotJson(vector.features());
        Supplier<Uni<Integer>> keepSnapshot = () -> snapshots.insertIfAbsent(vector.smeId(), vector.asOf(),
                vector.schemaVersion(), snapshot, now);
        if (vector.schemaVersion() != champion.featureSchemaVersion()) {
            // Debug, not warn: during a schema migration every vector of the old schema lands here; the metric counts them.
            LOG.debugf("Not scoring feature vector of %s as of %s: schema version %d, champion %s was trained on %d",
                    vector.smeId(), vector.asOf(), vector.schemaVersion(), champion.version(),
                    champion.featureSchemaVersion());
            return Panache.withTransaction(keepSnapshot).chain(() -> skip("schema_version_mismatch"));
        }
        ModelScore score = ModelScorer.score(champion, rowFor(champion, vector));
        ScoreEvent event = new ScoreEvent(vector.smeId(), score.pd(), score.score(), score.grade().name(),
                score.modelVersion(), vector.asOf(), score.reasons());
        Optional<ShadowScore> shadow = models.challengerIfAny()
                .filter(challenger -> challenger.featureSchemaVersion() == vector.schemaVersion())
                .map(challenger -> {
                    ModelScore theirs = ModelScorer.scoreWithoutReasons(challenger, rowFor(challenger, vector));
                    return new ShadowScore(vector.smeId(), vector.asOf(), theirs.modelVersion(), theirs.pd(),
                            theirs.score(), theirs.grade().name(), champion.version(), score.pd(), now);
                });
        return Panache.withTransaction(() -> keepSnapshot.get()
                        .chain(() -> history.insertIfAbsent(toRow(event, now)))
                        .invoke(inserted -> {
                            if (!inserted) {
                                LOG.debugf("Score of %s as of %s by %s was already recorded",
                                        event.smeId(), event.asOf(), event.modelVersion());
                            }
                        })
                        .chain(() -> shadow.map(shadows::insertIfAbsent).orElse(Uni.createFrom().item(0))))
                .invoke(() -> meters.counter(SCORED_METRIC, "grade", event.grade()).increment())
                .replaceWith(Optional.of(event));
    }

    /**
     * The vector's values the model knows, in its column order. Features the model was not trained on are
     * ignored and counted (a publisher may add features within a schema; the model simply does not use them), and
     * a non-finite value counts as missing: a stream must keep flowing where a request would be refused.
     */
    private double[] rowFor(LoadedModel model, FeatureVector vector) {
        Map<String, Double> usable = new HashMap<>();
        int ignored = 0;
        if (vector.features() != null) {
            for (Map.Entry<String, Double> entry : vector.features().entrySet()) {
                if (!model.serving().featureNames().contains(entry.getKey())) {
                    ignored++;
                } else if (entry.getValue() != null && Double.isFinite(entry.getValue())) {
                    usable.put(entry.getKey(), entry.getValue());
                }
            }
        }
        if (ignored > 0) {
            meters.counter(IGNORED_FEATURES_METRIC, "model", model.version()).increment(ignored);
        }
        return model.serving().toRow(usable);
    }

    private Uni<Optional<ScoreEvent>> skip(String reason) {
        meters.counter(SKIPPED_METRIC, "reason", reason).increment();
        return Uni.createFrom().item(Optional.empty());
    }

    private static Optional<String> unusable(FeatureVector vector) {
        if (vector.smeId() == null || vector.smeId().isBlank() || vector.smeId().length() > MAX_SME_ID_LENGTH) {
            LOG.warnf("Skipping feature vector with unusable SME id '%s'", vector.smeId());
            return Optional.of("invalid_sme_id");
        }
        if (vector.asOf() == null) {
            LOG.warnf("Skipping feature vector of %s without asOf", vector.smeId());
            return Optional.of("missing_as_of");
        }
        return Optional.empty();
    }

    private String snapshotJson(Map<String, Double> features) {
        try {
            return json.writeValueAsString(features == null ? Map.of() : features);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write feature snapshot", e);
        }
    }

    private ScoreHistory toRow(ScoreEvent event, Instant now) {
        ScoreHistory row = new ScoreHistory();
        row.smeId = event.smeId();
        row.pd = event.pd();
        row.score = event.score();
        row.grade = event.grade();
        row.modelVersion = event.modelVersion();
        row.asOf = event.asOf();
        row.scoredAt = now;
        try {
            row.reasons = json.writeValueAsString(event.reasons());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write score reasons", e);
        }
        return row;
    }
}
