package io.smecredit.scoring.score.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The score scale and grade bands, written into every model's artifact parameters when the model is built, so that
 * a model version records the whole mapping from features to PD, points and grade it was approved with. A model
 * recorded with another policy is not promoted by this service version.
 */
public final class ScoringPolicy {

    public static final String PARAMETER = "scoring_policy";

    private ScoringPolicy() {
    }

    /**
     * Whether a policy read back from an artifact is this one. Compared as JSON text of normalised numbers, since
     * a round trip through JSON may turn 600 into 600.0.
     */
    public static boolean matches(Object recorded) {
        return normalise(recorded).equals(normalise(current()));
    }

    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> normalised = new java.util.TreeMap<>();
            map.forEach((k, v) -> normalised.put(String.valueOf(k), normalise(v)));
            return normalised;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return value;
    }

    /** This service's policy as plain JSON-friendly values. */
    public static Map<String, Object> current() {
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("anchor_score", ScoreScale.ANCHOR_SCORE);
        scale.put("anchor_good_odds", ScoreScale.ANCHOR_GOOD_ODDS);
        scale.put("points_to_double_odds", ScoreScale.POINTS_TO_DOUBLE_ODDS);
        scale.put("min_score", ScoreScale.MIN_SCORE);
        scale.put("max_score", ScoreScale.MAX_SCORE);
        Map<String, Object> bands = new LinkedHashMap<>();
        for (Grade grade : Grade.values()) {
            bands.put(grade.name(), Double.isInfinite(grade.pdUpperBoundExclusive()) ? "1.0 inclusive"
                    : grade.pdUpperBoundExclusive());
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("score_scale", scale);
        policy.put("grade_pd_upper_bounds_exclusive", bands);
        return policy;
    }
}
