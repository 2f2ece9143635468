package io.smecredit.scoring.model.resource;

import java.util.List;
import java.util.Map;

/** What scores right now on this instance: the champion (and the challenger in shadow, if any). */
public record CurrentModelResponse(
        String modelVersion,
        int schemaVersion,
        List<String> features,
        int trainingRows,
        Map<String, Double> metrics,
        String challengerVersion) {
}
