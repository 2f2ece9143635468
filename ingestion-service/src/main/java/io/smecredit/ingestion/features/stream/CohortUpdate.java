package io.smecredit.ingestion.features.stream;

import io.smecredit.contracts.FeatureVector;

/**
 * A message to the cohort stage: an SME's new vector for its cohort, or (vector null) that the SME left the cohort
 * because its registration moved it to another industry or region.
 */
public record CohortUpdate(String smeId, String cohort, FeatureVector vector) {

    boolean leaves() {
        return vector == null;
    }
}
