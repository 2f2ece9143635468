package io.smecredit.scoring.score.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.score.domain.ScoreHistory;
import io.smecredit.scoring.score.repository.ScoreHistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ScoreHistoryService {

    private final ScoreHistoryRepository history;

    public ScoreHistoryService(ScoreHistoryRepository history) {
        this.history = history;
    }

    public Uni<List<ScoreHistory>> newestFirst(String smeId, int limit) {
        return Panache.withSession(() -> history.newestFirst(smeId, limit));
    }
}
