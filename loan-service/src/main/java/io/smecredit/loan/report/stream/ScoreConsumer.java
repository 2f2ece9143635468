package io.smecredit.loan.report.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.loan.report.domain.RecordOutcome;
import io.smecredit.loan.report.domain.ScoreEventRules;
import io.smecredit.loan.report.service.LatestScoreRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Feeds the latest-score read model from the scores topic. */
@ApplicationScoped
public class ScoreConsumer {

    static final String CHANNEL = "scores-in";

    private static final Logger LOG = Logger.getLogger(ScoreConsumer.class);

    private final LatestScoreRecorder recorder;
    private final Counter applied;
    private final Counter stale;
    private final Counter rejected;

    public ScoreConsumer(LatestScoreRecorder recorder, MeterRegistry meters) {
        this.recorder = recorder;
        this.applied = meters.counter("loan.scores.consumed", "outcome", "applied");
        this.stale = meters.counter("loan.scores.consumed", "outcome", "stale");
        this.rejected = meters.counter("loan.scores.consumed", "outcome", "rejected");
    }

    /**
     * Batches keep up with a busy topic: one transaction per poll, and the read model is written once per SME with
     * the batch's newest score, while every score still enters the history.
     */
    @Incoming(CHANNEL)
    public Uni<Void> onScores(ConsumerRecords<String, ScoreEvent> records) {
        List<ScoreEvent> valid = new ArrayList<>();
        for (ConsumerRecord<String, ScoreEvent> record : records) {
            Optional<String> rejection = ScoreEventRules.rejectionReason(record.value());
            if (rejection.isPresent()) {
                rejected.increment();
                LOG.warnf("Skipping score event at %s-%d@%d (key %s): %s",
                        record.topic(), record.partition(), record.offset(), record.key(), rejection.get());
            } else {
                valid.add(record.value());
            }
        }
        if (valid.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // A short database outage should not cost scores: retry, and only then let the channel fail (which
        // turns the service unhealthy) instead of acknowledging events that were never stored.
        return recorder.recordAll(valid)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .invoke(outcomes -> outcomes.forEach(outcome -> {
                    if (outcome == RecordOutcome.APPLIED) {
                        applied.increment();
                    } else {
                        stale.increment();
                    }
                }))
                .replaceWithVoid();
    }
}
