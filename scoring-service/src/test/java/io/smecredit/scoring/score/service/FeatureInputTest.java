package io.smecredit.scoring.score.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MODEL = Set.of("utilisation_7d", "quality_rate_7d", "days_since_output");

    @Test
    void numbersAreReadAndNullsAreMissing() throws Exception {
        var parsed = parse("{\"utilisation_7d\": 0.42, \"days_since_output\": 3, \"quality_rate_7d\": null}");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.values()).containsOnly(Map.entry("utilisation_7d", 0.42), Map.entry("days_since_output", 3.0));
    }

    @Test
    void everyProblemIsNamedByItsFeatureInNameOrder() throws Exception {
        var parsed = parse("{\"utilisation_7d\": \"0.4\", \"bogus\": 1, \"quality_rate_7d\": [1], \"days_since_output\": 1e400}");
        assertThat(parsed.errors()).extracting(Problem.FieldError::field).containsExactly(
                "features.bogus", "features.days_since_output", "features.quality_rate_7d", "features.utilisation_7d");
        assertThat(parsed.errors()).extracting(Problem.FieldError::reason).containsExactly(
                "is not a feature of model m-test (GET /api/v1/models/current lists its features)",
                "must be a finite number, got Infinity",
                "must be a number or null, got an array",
                "must be a number or null, got the string \"0.4\"");
    }

    @Test
    void noFeaturesAtAllIsAProblemOfTheFeaturesField() {
        assertThat(FeatureInput.parse("features", Map.of(), MODEL, "m-test").errors())
                .extracting(Problem.FieldError::field).containsExactly("features");
        assertThat(FeatureInput.parse("items[2].features", null, MODEL, "m-test").errors())
                .extracting(Problem.FieldError::field).containsExactly("items[2].features");
    }

    private static FeatureInput.Parsed parse(String json) throws Exception {
        Map<String, JsonNode> features = JSON.readValue(json,
                JSON.getTypeFactory().constructMapType(Map.class, String.class, JsonNode.class));
        return FeatureInput.parse("features", features, MODEL, "m-test");
    }
}
