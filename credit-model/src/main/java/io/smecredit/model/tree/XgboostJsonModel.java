package io.smecredit.model.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model saved by XGBoost in its JSON format into a {@link TreeEnsemble}. Only what the platform trains
 * is accepted: a {@code gbtree} booster with numerical splits and a logistic objective; anything else is refused
 * rather than evaluated wrongly.
 */
public final class XgboostJsonModel {

    // XGBoost writes unbounded leaf limits of monotone-constrained trees as -Infinity / Infinity.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private XgboostJsonModel() {
    }

    public static TreeEnsemble parse(byte[] json) {
        try {
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("Model is not valid JSON: " + e.getMessage(), e);
        }
    }

    static TreeEnsemble parse(JsonNode root) {
        JsonNode learner = required(root, "learner");
        String objective = required(required(learner, "objective"), "name").asText();
        if (!objective.equals("binary:logistic") && !objective.equals("reg:logistic")) {
            throw new IllegalArgumentException("Unsupported objective " + objective + ": expected binary:logistic");
        }
        JsonNode booster = required(learner, "gradient_booster");
        String boosterName = required(booster, "name").asText();
        if (!boosterName.equals("gbtree")) {
            throw new IllegalArgumentException("Unsupported booster " + boosterName + ": expected gbtree");
        }
        JsonNode params = required(learner, "learner_model_param");
        int featureCount = Integer.parseInt(required(params, "num_feature").asText());
        double baseScore = parseBaseScore(required(params, "base_score").asText());
        // XGBoost stores base_score as a probability for logistic objectives; trees add to its log-odds.
        double baseMargin = Math.log(baseScore / (1 - baseScore));

        List<JsonNode> trees = new ArrayList<>();
        required(required(booster, "model"), "trees").forEach(trees::add);
        int total = 0;
        for (JsonNode tree : trees) {
            total += required(tree, "left_children").size();
        }
        int[] roots = new int[trees.size()];
        int[] left = new int[total];
        int[] right = new int[total];
        int[] feature = new int[total];
        float[] threshold = new float[total];
        boolean[] defaultLeft = new boolean[total];
        double[] leafValue = new double[total];
        double[] cover = new double[total];
        int offset = 0;
        for (int t = 0; t < trees.size(); t++) {
            JsonNode tree = trees.get(t);
            JsonNode splitTypes = tree.path("split_type");
            JsonNode lefts = required(tree, "left_children");
            int nodes = lefts.size();
            roots[t] = offset;
            for (int n = 0; n < nodes; n++) {
                if (splitTypes.isArray() && splitTypes.size() > n && splitTypes.get(n).asInt() != 0) {
                    throw new IllegalArgumentException("Tree " + t + " has a categorical split, which is not supported");
                }
                int l = lefts.get(n).asInt();
                int r = required(tree, "right_children").get(n).asInt();
                left[offset + n] = l < 0 ? -1 : offset + l;
                right[offset + n] = r < 0 ? -1 : offset + r;
                feature[offset + n] = required(tree, "split_indices").get(n).asInt();
                double condition = required(tree, "split_conditions").get(n).asDouble();
                threshold[offset + n] = (float) condition;
                leafValue[offset + n] = (float) condition;
                JsonNode dl = required(tree, "default_left").get(n);
                defaultLeft[offset + n] = dl.isBoolean() ? dl.asBoolean() : dl.asInt() != 0;
                cover[offset + n] = required(tree, "sum_hessian").get(n).asDouble();
            }
            offset += nodes;
        }
        return new TreeEnsemble(featureCount, baseMargin, roots, left, right, feature, threshold, defaultLeft,
                leafValue, cover);
    }

    private static final java.util.regex.Pattern VECTOR_BASE_SCORE =
            java.util.regex.Pattern.compile("\"base_score\"\\s*:\\s*\"\\[([^\\],\"]+)]\"");

    /**
     * The booster as every XGBoost reads it. XGBoost 3 writes {@code base_score} as a vector of one ({@code "[3E-1]"});
     * XGBoost 1.x and 2.x read that as 0.5 without a word, which shifts every margin (German credit: mean PD 0.42 for a
     * default rate of 0.30). The scalar form ({@code "3E-1"}) is read the same by all of them. Only that field's text
     * changes; every other byte stays as XGBoost wrote it.
     */
    public static byte[] withScalarBaseScore(byte[] json) {
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher vector = VECTOR_BASE_SCORE.matcher(text);
        if (!vector.find()) {
            return json.clone();
        }
        String scalar = "\"base_score\":\"" + vector.group(1).trim() + "\"";
        return (text.substring(0, vector.start()) + scalar + text.substring(vector.end()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code "[5E-1]"} in XGBoost 3 (a vector of one), {@code "5E-1"} before. */
    static double parseBaseScore(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).trim();
        }
        if (trimmed.contains(",")) {
            throw new IllegalArgumentException("Multi-output base_score " + text + " is not supported");
        }
        double value = Double.parseDouble(trimmed);
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("base_score " + text + " is not a probability");
        }
        return value;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Model JSON lacks '" + field + "'");
        }
        return value;
    }
}
