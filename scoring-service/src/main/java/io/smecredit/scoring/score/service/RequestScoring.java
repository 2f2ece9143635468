package io.smecredit.scoring.score.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.scoring.model.domain.LoadedModel;
import io.smecredit.scoring.model.service.ServedModels;
import io.smecredit.scoring.score.domain.ModelScore;
import io.smecredit.scoring.score.domain.ModelScorer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores features given in an API request with the champion. Nothing is recorded or published: the caller
 * asked a question about features it supplied, which is not an observation of the SME.
 */
@ApplicationScoped
public class RequestScoring {

    public static final int MAX_BATCH_ITEMS = 1000;
    static final int MAX_SME_ID_LENGTH = 64;

    /** One item to score: optional SME id (echoed back) and its features by name. */
    public record Item(String smeId, Map<String, JsonNode> features) {
    }

    public record Scored(String smeId, ModelScore score) {
    }

    private final ServedModels served;

    public RequestScoring(ServedModels served) {
        this.served = served;
    }

    public Scored score(Item item) {
        LoadedModel champion = champion();
        return scoreAll(champion, List.of(item), false).get(0);
    }

    /** All items with the same model, or none: one invalid item fails the batch with every problem listed. */
    public List<Scored> scoreBatch(List<Item> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_BATCH_ITEMS) {
            String reason = "must hold between 1 and " + MAX_BATCH_ITEMS + " items";
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "items " + reason + ", got "
                    + (items == null ? 0 : items.size()), List.of(new Problem.FieldError("items", reason)));
        }
        return scoreAll(champion(), items, true);
    }

    private List<Scored> scoreAll(LoadedModel model, List<Item> items, boolean batch) {
        Set<String> known = new HashSet<>(model.serving().featureNames());
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Map<String, Double>> parsed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String prefix = batch ? "items[" + i + "]." : "";
            Item item = items.get(i);
            if (item == null) {
                errors.add(new Problem.FieldError("items[" + i + "]", "must be an object with features"));
                parsed.add(Map.of());
                continue;
            }
            if (item.smeId() != null && (item.smeId().isBlank() || item.smeId().length() > MAX_SME_ID_LENGTH)) {
                errors.add(new Problem.FieldError(prefix + "smeId", "must be 1 to " + MAX_SME_ID_LENGTH
                        + " characters when given"));
            }
            FeatureInput.Parsed features = FeatureInput.parse(prefix + "features", item.features(), known,
                    model.version());
            errors.addAll(features.errors());
            parsed.add(features.values());
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().limit(10).map(e -> e.field() + " " + e.reason())
                    .collect(Collectors.joining("; ")) + (errors.size() > 10 ? "; and " + (errors.size() - 10)
                    + " more" : "");
            throw new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
        }
        List<Scored> scored = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            double[] row = model.serving().toRow(parsed.get(i));
            scored.add(new Scored(items.get(i).smeId(), ModelScorer.score(model, row)));
        }
        return scored;
    }

    private LoadedModel champion() {
        return served.champion().orElseThrow(() -> new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                "No scoring model is loaded yet; retry once the service reports ready."));
    }
}
