package io.smecredit.scoring.score.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.scoring.score.service.ScoringService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Scores every feature vector from the features topic and publishes the score keyed by SME id. The offset is
 * acknowledged only after the history row is written and the broker accepted the score (at-least-once);
 * redelivery is harmless because the history insert is idempotent.
 */
@ApplicationScoped
public class FeatureVectorConsumer {

    static final String UNREADABLE_METRIC = "scoring.feature_vectors.unreadable";
    private static final Logger LOG = Logger.getLogger(FeatureVectorConsumer.class);

    private final ScoringService scoring;
    private final MutinyEmitter<ScoreEvent> scores;
    private final MeterRegistry meters;

    public FeatureVectorConsumer(ScoringService scoring, @Channel("scores-out") MutinyEmitter<ScoreEvent> scores,
                                 MeterRegistry meters) {
        this.scoring = scoring;
        this.scores = scores;
        this.meters = meters;
    }

    @Incoming("features-in")
    public Uni<Void> consume(Message<FeatureVector> message) {
        FeatureVector vector = message.getPayload();
        if (vector == null) {
            // A compaction tombstone or a value the deserializer could not read: nothing to score.
            LOG.warn("Skipping a features record without a readable FeatureVector");
            meters.counter(UNREADABLE_METRIC).increment();
            return Uni.createFrom().completionStage(message.ack());
        }
        // Deferred so that a failure while preparing (e.g. no model yet) is retried like any other.
        return Uni.createFrom().deferred(() -> scoring.score(vector))
                .chain(event -> event.isPresent()
                        ? scores.sendMessage(KafkaRecord.of(event.get().smeId(), event.get()))
                        : Uni.createFrom().voidItem())
                // Transient DB or broker trouble: retry a while before failing the channel, which health then reports.
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(6)
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.errorf(failure, "Could not score feature vector of %s as of %s", vector.smeId(), vector.asOf());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
