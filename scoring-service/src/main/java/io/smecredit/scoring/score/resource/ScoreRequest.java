package io.smecredit.scoring.score.resource;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** {@code features}: feature name → number, or null for a missing value (same as leaving the feature out). */
public record ScoreRequest(String smeId, Map<String, JsonNode> features) {
}
