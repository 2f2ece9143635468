package io.smecredit.scoring.score.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.scoring.model.domain.ScoringModel;
import io.smecredit.scoring.model.service.CurrentModel;
import io.smecredit.scoring.score.domain.Grade;
import io.smecredit.scoring.score.domain.ScoreHistory;
import io.smecredit.scoring.score.domain.ScoreScale;
import io.smecredit.scoring.score.repository.ScoreHistoryRepository;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;

/**
 * Scores one feature vector with the current model, records it in the SME's score history and answers the
 * score to publish. Vectors the model cannot honestly score are skipped, logged and counted, never guessed at.
 */
@ApplicationScoped
public class ScoringService {

    /** Longest SME id the history table stores (varchar(64) in V1). */
    static final int MAX_SME_ID_LENGTH = 64;
    static final String SKIPPED_METRIC = "scoring.feature_vectors.skipped";
    static final String SCORED_METRIC = "scoring.feature_vectors.scored";

    private static final Logger LOG = Logger.getLogger(ScoringService.class);

    private final CurrentModel currentModel;
    private final ScoreHistoryRepository history;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public ScoringService(CurrentModel currentModel, ScoreHistoryRepository history, Vertx vertx, MeterRegistry meters) {
        this.currentModel = currentModel;
        this.history = history;
        this.vertx = vertx;
        this.meters = meters;
    }

    public Uni<Optional<ScoreEvent>> score(FeatureVector vector) {
        ScoringModel model = currentModel.require();
        Optional<String> skipReason = skipReason(vector, model);
        if (skipReason.isPresent()) {
            meters.counter(SKIPPED_METRIC, "reason", skipReason.get()).increment();
            return Uni.createFrom().item(Optional.empty());
        }
        // Native prediction blocks; run it on a worker and come back to this context for the reactive session.
        return vertx.executeBlocking(Uni.createFrom().item(() -> model.predictPd(vector.features())), false)
                .map(pd -> toEvent(vector, model, pd))
                .call(event -> Panache.withTransaction(() -> history.insertIfAbsent(toRow(event)))
                        .invoke(inserted -> {
                            if (!inserted) {
                                LOG.debugf("Score of %s as of %s by %s was already recorded",
                                        event.smeId(), event.asOf(), event.modelVersion());
                            }
                        }))
                .invoke(event -> meters.counter(SCORED_METRIC, "grade", event.grade()).increment())
                .map(Optional::of);
    }

    private static Optional<String> skipReason(FeatureVector vector, ScoringModel model) {
        if (vector.smeId() == null || vector.smeId().isBlank() || vector.smeId().length() > MAX_SME_ID_LENGTH) {
            LOG.warnf("Skipping feature vector with unusable SME id '%s'", vector.smeId());
            return Optional.of("invalid_sme_id");
        }
        if (vector.asOf() == null) {
            LOG.warnf("Skipping feature vector of %s without asOf", vector.smeId());
            return Optional.of("missing_as_of");
        }
        if (vector.schemaVersion() != model.schemaVersion()) {
            LOG.warnf("Skipping feature vector of %s as of %s: schema version %d, model %s was trained on %d",
                    vector.smeId(), vector.asOf(), vector.schemaVersion(), model.version(), model.schemaVersion());
            return Optional.of("schema_version_mismatch");
        }
        return Optional.empty();
    }

    private static ScoreEvent toEvent(FeatureVector vector, ScoringModel model, double pd) {
        return new ScoreEvent(vector.smeId(), pd, ScoreScale.points(pd), Grade.forPd(pd).name(), model.version(),
                vector.asOf());
    }

    private ScoreHistory toRow(ScoreEvent event) {
        ScoreHistory row = new ScoreHistory();
        row.smeId = event.smeId();
        row.pd = event.pd();
        row.score = event.score();
        row.grade = event.grade();
        row.modelVersion = event.modelVersion();
        row.asOf = event.asOf();
        row.scoredAt = clock.instant();
        return row;
    }
}
