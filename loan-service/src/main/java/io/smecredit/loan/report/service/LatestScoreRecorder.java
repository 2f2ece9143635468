package io.smecredit.loan.report.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.loan.report.domain.RecordOutcome;
import io.smecredit.loan.report.repository.LatestScoreRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the latest score per SME, whatever order the score events arrive in. */
@ApplicationScoped
public class LatestScoreRecorder {

    private final LatestScoreRepository repository;

    public LatestScoreRecorder(LatestScoreRepository repository) {
        this.repository = repository;
    }

    /** The event must already have passed {@link io.smecredit.loan.report.domain.ScoreEventRules}. */
    @WithTransaction
    public Uni<RecordOutcome> record(ScoreEvent event) {
        return repository.upsertIfNotOlder(event);
    }
}
