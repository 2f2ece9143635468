package io.smecredit.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a {@link ModelArtifact}: one self-describing JSON document (format {@value #FORMAT}) with the
 * booster's own JSON embedded as a string, so a registry row or a file holds the complete, auditable model. Reading verifies
 * that the version still matches the content.
 */
public final class ModelArtifactJson {

    public static final String FORMAT = "smecredit-model-artifact/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelArtifactJson() {
    }

    public static byte[] write(ModelArtifact artifact) {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", artifact.version());
            root.put("featureSchemaVersion", artifact.featureSchemaVersion());
            ArrayNode names = root.putArray("featureNames");
            artifact.featureNames().forEach(names::add);
            root.put("trainingRows", artifact.trainingRows());
            root.put("dataFingerprint", artifact.dataFingerprint());
            root.set("parameters", JSON.valueToTree(artifact.parameters()));
            root.set("metrics", JSON.valueToTree(artifact.metrics()));
            ObjectNode calibration = root.putObject("calibration");
            if (artifact.calibration() instanceof Calibration.Platt platt) {
                calibration.put("kind", "platt");
                calibration.put("a", platt.a());
                calibration.put("b", platt.b());
            } else {
                Calibration.Isotonic isotonic = (Calibration.Isotonic) artifact.calibration();
                calibration.put("kind", "isotonic");
                calibration.set("thresholds", JSON.valueToTree(isotonic.thresholds()));
                calibration.set("values", JSON.valueToTree(isotonic.values()));
            }
            ObjectNode baseline = root.putObject("baseline");
            baseline.set("binEdges", JSON.valueToTree(artifact.baseline().binEdges()));
            baseline.set("expectedShares", JSON.valueToTree(artifact.baseline().expectedShares()));
            // Embedded as text, byte for byte: re-printing its numbers could change the bytes the version hashes.
            root.put("boosterJson", new String(artifact.boosterJson(), StandardCharsets.UTF_8));
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write model " + artifact.version() + ": " + e.getMessage(), e);
        }
    }

    public static ModelArtifact read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Model artifact is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("Not a model artifact of format " + FORMAT);
        }
        try {
            List<String> names = new ArrayList<>();
            required(root, "featureNames").forEach(n -> names.add(n.asText()));
            JsonNode c = required(root, "calibration");
            Calibration calibration = switch (required(c, "kind").asText()) {
                case "platt" -> new Calibration.Platt(required(c, "a").asDouble(), required(c, "b").asDouble());
                case "isotonic" -> new Calibration.Isotonic(JSON.treeToValue(required(c, "thresholds"), double[].class),
                        JSON.treeToValue(required(c, "values"), double[].class));
                default -> throw new IllegalArgumentException("Unknown calibration kind " + c.get("kind"));
            };
            JsonNode b = required(root, "baseline");
            TypeReference<LinkedHashMap<String, double[]>> arrays = new TypeReference<>() {
            };
            PopulationBaseline baseline = new PopulationBaseline(
                    JSON.readValue(JSON.treeAsTokens(required(b, "binEdges")), arrays),
                    JSON.readValue(JSON.treeAsTokens(required(b, "expectedShares")), arrays));
            Map<String, Object> parameters = JSON.readValue(JSON.treeAsTokens(required(root, "parameters")),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            Map<String, Double> metrics = JSON.readValue(JSON.treeAsTokens(required(root, "metrics")),
                    new TypeReference<LinkedHashMap<String, Double>>() {
                    });
            byte[] booster = required(root, "boosterJson").asText().getBytes(StandardCharsets.UTF_8);
            return new ModelArtifact(required(root, "version").asText(), booster, names,
                    required(root, "featureSchemaVersion").asInt(), calibration, baseline, parameters, metrics,
                    root.path("dataFingerprint").isNull() ? null : root.path("dataFingerprint").asText(null),
                    required(root, "trainingRows").asInt());
        } catch (IOException e) {
            throw new IllegalArgumentException("Model artifact is malformed: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Model artifact lacks '" + field + "'");
        }
        return value;
    }
}
