package io.smecredit.scoring.history.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.OutcomeEvent;
import io.smecredit.scoring.history.domain.OutcomeTypes;
import io.smecredit.scoring.history.repository.CreditOutcomeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Stores credit outcomes (bank-reported or simulated) as training labels. At-least-once: the offset is
 * acknowledged after the row is written, and a redelivered event is recognised by its eventId.
 */
@ApplicationScoped
public class OutcomeConsumer {

    static final String SKIPPED_METRIC = "scoring.outcomes.skipped";
    static final String STORED_METRIC = "scoring.outcomes.stored";
    private static final int MAX_ID_LENGTH = 64;
    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);

    private final CreditOutcomeRepository outcomes;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public OutcomeConsumer(CreditOutcomeRepository outcomes, MeterRegistry meters) {
        this.outcomes = outcomes;
        this.meters = meters;
    }

    @Incoming("outcomes-in")
    public Uni<Void> consume(Message<OutcomeEvent> message) {
        OutcomeEvent outcome = message.getPayload();
        Optional<String> problem = problem(outcome);
        if (problem.isPresent()) {
            LOG.warnf("Skipping outcome record: %s", problem.get());
            meters.counter(SKIPPED_METRIC, "reason", problem.get().split(":")[0]).increment();
            return Uni.createFrom().completionStage(message.ack());
        }
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() ->
                        outcomes.insertIfAbsent(outcome, clock.instant())))
                .invoke(inserted -> {
                    if (inserted) {
                        meters.counter(STORED_METRIC, "type", outcome.type()).increment();
                    }
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(6)
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.errorf(failure, "Could not store outcome %s", outcome.eventId());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    static Optional<String> problem(OutcomeEvent outcome) {
        if (outcome == null) {
            return Optional.of("unreadable: not an OutcomeEvent");
        }
        if (blankOrLong(outcome.eventId(), 128) || blankOrLong(outcome.smeId(), MAX_ID_LENGTH)) {
            return Optional.of("invalid_id: eventId and smeId are required (smeId at most 64 characters)");
        }
        if (outcome.type() == null || !OutcomeTypes.ALL.contains(outcome.type())) {
            return Optional.of("invalid_type: " + outcome.type() + " of outcome " + outcome.eventId());
        }
        if (outcome.date() == null) {
            return Optional.of("missing_date: outcome " + outcome.eventId());
        }
        if ((outcome.bankId() != null && outcome.bankId().length() > MAX_ID_LENGTH)
                || (outcome.applicationId() != null && outcome.applicationId().length() > 128)
                || (outcome.source() != null && outcome.source().length() > 32)) {
            return Optional.of("invalid_id: bankId, applicationId or source too long in outcome " + outcome.eventId());
        }
        return Optional.empty();
    }

    private static boolean blankOrLong(String value, int max) {
        return value == null || value.isBlank() || value.length() > max;
    }
}
