package io.smecredit.scoring.score.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.common.problem.Problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the features of a scoring request strictly: every name must be a feature of the model, every value a
 * finite JSON number or null (null = missing, like leaving the feature out). Each problem becomes a field error
 * naming the feature, so a caller learns exactly what to fix instead of receiving a score built on a guess.
 */
public final class FeatureInput {

    private FeatureInput() {
    }

    /** Parsed values (nulls dropped), or the problems found, each with a path such as {@code features.utilisation_7d}. */
    public record Parsed(Map<String, Double> values, List<Problem.FieldError> errors) {
    }

    public static Parsed parse(String path, Map<String, JsonNode> features, Set<String> modelFeatures,
                               String modelVersion) {
        if (features == null || features.isEmpty()) {
            return new Parsed(Map.of(), List.of(new Problem.FieldError(path,
                    "is required and must name at least one feature")));
        }
        Map<String, Double> values = new HashMap<>();
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        features.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String field = path + "." + entry.getKey();
            JsonNode node = entry.getValue();
            if (!modelFeatures.contains(entry.getKey())) {
                errors.add(new Problem.FieldError(field, "is not a feature of model " + modelVersion
                        + " (GET /api/v1/models/current lists its features)"));
            } else if (node == null || node.isNull()) {
                // explicitly missing: scored like an absent feature
            } else if (!node.isNumber()) {
                errors.add(new Problem.FieldError(field, "must be a number or null, got " + describe(node)));
            } else if (!Double.isFinite(node.doubleValue())) {
                errors.add(new Problem.FieldError(field, "must be a finite number, got " + node.asText()));
            } else {
                values.put(entry.getKey(), node.doubleValue());
            }
        });
        return new Parsed(values, List.copyOf(errors));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string \"" + abbreviate(node.asText()) + "\"";
            case BOOLEAN -> "the boolean " + node.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
