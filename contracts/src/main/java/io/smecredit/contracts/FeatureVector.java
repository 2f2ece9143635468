package io.smecredit.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * The features of one SME as known at {@code asOf}, published on {@link Topics#FEATURES}.
 * Feature names and meanings are listed in docs/events.md; {@code schemaVersion} changes whenever a
 * feature is added, removed or redefined, so a model can refuse vectors it was not trained on.
 */
public record FeatureVector(
        String smeId,
        Instant asOf,
        int schemaVersion,
        Map<String, Double> features) {
}
