package io.smecredit.loan.report.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smecredit.contracts.ScoreEvent;
import io.smecredit.loan.alert.domain.AlertRules;
import io.smecredit.loan.alert.service.AlertRaiser;
import io.smecredit.loan.report.domain.LatestScore;
import io.smecredit.loan.report.domain.RecordOutcome;
import io.smecredit.loan.report.repository.LatestScoreRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Multi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the latest score per SME, whatever order the score events arrive in, and every score's history; raises an
 * early warning when a newer score is markedly worse than the one it replaces.
 */
@ApplicationScoped
public class LatestScoreRecorder {

    private final LatestScoreRepository repository;
    private final AlertRaiser alerts;
    private final ObjectMapper json;
    private final int scoreDropThreshold;

    public LatestScoreRecorder(LatestScoreRepository repository, AlertRaiser alerts, ObjectMapper json,
                               @ConfigProperty(name = "loan.alerts.score-drop") int scoreDropThreshold) {
        this.repository = repository;
        this.alerts = alerts;
        this.json = json;
        this.scoreDropThreshold = scoreDropThreshold;
    }

    /**
     * Records a batch in one transaction: every event into the history, and per SME the newest into the read model.
     * Alerts compare each event with the one before it (the stored latest, then the batch's earlier events), so a
     * change is noticed even when both scores arrive in the same batch. Events must already have passed
     * {@link io.smecredit.loan.report.domain.ScoreEventRules}. Emits one outcome per SME.
     */
    @WithTransaction
    public Uni<List<RecordOutcome>> recordAll(List<ScoreEvent> events) {
        Map<String, List<ScoreEvent>> perSme = new LinkedHashMap<>();
        for (ScoreEvent event : events) {
            perSme.computeIfAbsent(event.smeId(), id -> new ArrayList<>()).add(event);
        }
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(repository::appendHistory)
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(perSme.values())
                        .onItem().transformToUniAndConcatenate(this::recordSme)
                        .collect().asList());
    }

    private Uni<RecordOutcome> recordSme(List<ScoreEvent> eventsOfSme) {
        List<ScoreEvent> ordered = eventsOfSme.stream()
                .sorted(java.util.Comparator.comparing(ScoreEvent::asOf)).toList();
        ScoreEvent newest = ordered.get(ordered.size() - 1);
        // Locking the stored latest keeps two deliveries for one SME from both alerting on the same change.
        return repository.findById(newest.smeId(), LockModeType.PESSIMISTIC_WRITE).flatMap(previous -> {
            Snapshot before = previous == null ? null : Snapshot.of(previous);
            return repository.upsertIfNotOlder(newest, write(newest.reasons())).call(outcome -> {
                if (outcome != RecordOutcome.APPLIED) {
                    return Uni.createFrom().voidItem();
                }
                Uni<Void> alerts = Uni.createFrom().voidItem();
                Snapshot running = before;
                for (ScoreEvent event : ordered) {
                    if (running != null && running.asOf().isBefore(event.asOf())) {
                        Snapshot compared = running;
                        alerts = alerts.chain(() -> alertIfWorse(compared, event));
                    }
                    if (running == null || running.asOf().isBefore(event.asOf())) {
                        running = new Snapshot(event.grade(), event.score(), event.asOf(), event.modelVersion());
                    }
                }
                return alerts;
            });
        });
    }

    /**
     * A fall scored by another model than the previous score is still told (the bank's exposure is judged by the
     * model now in force), but marked {@code modelChanged}: part or all of it may come from the platform's model
     * promotion rather than from the SME's factory.
     */
    private Uni<Void> alertIfWorse(Snapshot before, ScoreEvent event) {
        return AlertRules.onScore(before.grade(), before.score(), event.grade(), event.score(), scoreDropThreshold)
                .map(type -> alerts.raise(event.smeId(), type, event.grade(), write(alertDetails(before, event)),
                        event.asOf()))
                .orElse(Uni.createFrom().voidItem());
    }

    private static Map<String, Object> alertDetails(Snapshot before, ScoreEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previousGrade", before.grade());
        details.put("grade", event.grade());
        details.put("previousScore", before.score());
        details.put("score", event.score());
        details.put("modelVersion", event.modelVersion());
        details.put("previousModelVersion", before.modelVersion());
        details.put("modelChanged", before.modelVersion() != null
                && !before.modelVersion().equals(event.modelVersion()));
        return details;
    }

    private record Snapshot(String grade, int score, java.time.Instant asOf, String modelVersion) {
        static Snapshot of(LatestScore s) {
            return new Snapshot(s.grade(), s.score(), s.asOf(), s.modelVersion());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }
}
