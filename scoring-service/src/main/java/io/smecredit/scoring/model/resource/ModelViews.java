package io.smecredit.scoring.model.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.scoring.model.domain.ModelStatusChange;
import io.smecredit.scoring.model.domain.RegisteredModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The registry's answers to operators; JSON metadata is returned as JSON, not as strings of JSON. */
@ApplicationScoped
public class ModelViews {

    public record ModelSummary(String version, String status, String source, int featureSchemaVersion,
                               int featureCount, int trainingRows, JsonNode metrics, String createdBy,
                               Instant createdAt, Instant statusChangedAt) {
    }

    /** {@code note}: what the registry recorded; {@code reason}: the operator's words, null when none were given. */
    public record StatusChangeEntry(String fromStatus, String toStatus, String changedBy, Instant changedAt,
                                    String note, String reason) {
    }

    public record ModelDetails(String version, String status, String source, int featureSchemaVersion,
                               JsonNode features, int trainingRows, String dataFingerprint, JsonNode parameters,
                               JsonNode metrics, String createdBy, Instant createdAt, Instant statusChangedAt,
                               List<StatusChangeEntry> statusHistory) {
    }

    private final ObjectMapper json;

    public ModelViews(ObjectMapper json) {
        this.json = json;
    }

    public ModelSummary summary(RegisteredModel model) {
        return new ModelSummary(model.version, model.status, model.source, model.featureSchemaVersion,
                read(model.featureNames).size(), model.trainingRows, read(model.metrics), model.createdBy,
                model.createdAt, model.statusChangedAt);
    }

    public ModelDetails details(RegisteredModel model, List<ModelStatusChange> history) {
        return new ModelDetails(model.version, model.status, model.source, model.featureSchemaVersion,
                read(model.featureNames), model.trainingRows, model.dataFingerprint, read(model.parameters),
                read(model.metrics), model.createdBy, model.createdAt, model.statusChangedAt,
                history.stream().map(c -> new StatusChangeEntry(c.fromStatus, c.toStatus, c.changedBy, c.changedAt,
                        c.note, c.reason)).toList());
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Registry holds unreadable JSON", e);
        }
    }
}
