package io.smecredit.scoring.model.service;

import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ParityCheck;

/**
 * The golden rows the parity gate compares on: {@link ParityCheck#goldenSet} (thresholds and their neighbouring
 * floats, missing values, extremes, random mixes) with magnitudes above {@link #LARGEST_ACCEPTED} brought down to
 * it, because xgboost4j refuses a matrix holding ±Float.MAX_VALUE ("value too large") and would then report an
 * error instead of a verdict. 1e38 is still far beyond any threshold, so the extreme rows keep their purpose.
 */
public final class GoldenRows {

    static final float LARGEST_ACCEPTED = 1e38f;

    private GoldenRows() {
    }

    public static float[][] of(ModelArtifact artifact, long seed) {
        float[][] rows = ParityCheck.goldenSet(artifact, seed);
        for (float[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                if (Math.abs(row[f]) > LARGEST_ACCEPTED) {
                    row[f] = Math.copySign(LARGEST_ACCEPTED, row[f]);
                }
            }
        }
        return rows;
    }
}
