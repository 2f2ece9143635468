package io.smecredit.model;

import java.util.List;
import java.util.Random;

/** Simulated borrowers whose true PD is known, for tests that must check calibration and ranking. */
final class SyntheticCredit {

    static final List<String> FEATURES = List.of("utilisation", "debt_ratio", "output_volatility", "age_years", "noise");

    private SyntheticCredit() {
    }

    /** True PD: logistic in a few features, with a non-linearity and ~8 % missing cells. */
    static double truePd(float[] row) {
        double utilisation = Float.isNaN(row[0]) ? 0.5 : row[0];
        double debt = Float.isNaN(row[1]) ? 0.6 : row[1];
        double volatility = Float.isNaN(row[2]) ? 0.4 : row[2];
        double age = Float.isNaN(row[3]) ? 10 : row[3];
        double z = -2.2 - 2.5 * (utilisation - 0.5) + 2.0 * debt * debt + 1.5 * volatility - 0.04 * Math.min(age, 20);
        return 1 / (1 + Math.exp(-z));
    }

    static Dataset generate(int rows, long seed) {
        Random random = new Random(seed);
        int width = FEATURES.size();
        float[] values = new float[rows * width];
        float[] labels = new float[rows];
        float[] row = new float[width];
        for (int r = 0; r < rows; r++) {
            row[0] = (float) random.nextDouble();
            row[1] = (float) (random.nextDouble() * 1.5);
            row[2] = (float) Math.abs(random.nextGaussian() * 0.5);
            row[3] = (float) Math.floor(random.nextDouble() * 30);
            row[4] = (float) random.nextGaussian();
            for (int f = 0; f < width; f++) {
                if (random.nextDouble() < 0.08) {
                    row[f] = Float.NaN;
                }
            }
            System.arraycopy(row, 0, values, r * width, width);
            labels[r] = random.nextDouble() < truePd(row) ? 1f : 0f;
        }
        return new Dataset(FEATURES, values, labels, rows);
    }

    static double[] truePds(Dataset data) {
        double[] pds = new double[data.rows()];
        float[] row = new float[data.featureCount()];
        for (int r = 0; r < data.rows(); r++) {
            for (int f = 0; f < row.length; f++) {
                row[f] = data.value(r, f);
            }
            pds[r] = truePd(row);
        }
        return pds;
    }
}
