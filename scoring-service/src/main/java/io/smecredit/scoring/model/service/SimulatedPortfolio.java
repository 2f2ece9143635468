package io.smecredit.scoring.model.service;

import io.smecredit.contracts.FeatureDefinition;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.RiskDirection;
import io.smecredit.model.Dataset;

import java.util.List;
import java.util.Random;

/**
 * Simulated SMEs on the feature dictionary, to train a first model before any real default has been observed.
 * A latent financial health drives every feature within its typical range in its risk direction (healthy SMEs sit
 * towards the safe end), mixed with noise in a proportion that differs per feature, so features carry known,
 * monotone but unequal signal; the same health drives the default label through a logistic link. Some values are
 * missing, as they are when telemetry has gaps. The same seed always yields the same rows.
 */
public final class SimulatedPortfolio {

    /** Intercept and slope of the logistic default link; about 6% of simulated SMEs default. */
    static final double DEFAULT_INTERCEPT = -3.4;
    static final double DEFAULT_SLOPE_PER_HEALTH = -1.3;
    static final double MISSING_RATE = 0.03;
    /** How strongly the latent health (rather than noise) drives a feature, spread over features by their index. */
    static final double MIN_LOADING = 0.15;
    static final double MAX_LOADING = 0.75;

    private SimulatedPortfolio() {
    }

    public static Dataset generate(int rows, long seed) {
        List<FeatureDefinition> features = FeatureDictionary.all();
        int columns = features.size();
        double[] loadings = new double[columns];
        for (int f = 0; f < columns; f++) {
            // A fixed scramble of the index, so neighbouring (related) features do not all get similar signal.
            loadings[f] = MIN_LOADING + (MAX_LOADING - MIN_LOADING) * ((f * 37) % columns) / (columns - 1.0);
        }
        Random random = new Random(seed);
        float[] values = new float[rows * columns];
        float[] labels = new float[rows];
        for (int row = 0; row < rows; row++) {
            double health = random.nextGaussian();
            for (int f = 0; f < columns; f++) {
                double noise = random.nextGaussian();
                boolean missing = random.nextDouble() < MISSING_RATE;
                values[row * columns + f] = missing ? Float.NaN
                        : (float) value(features.get(f), loadings[f], health, noise);
            }
            double pd = 1.0 / (1.0 + Math.exp(-(DEFAULT_INTERCEPT + DEFAULT_SLOPE_PER_HEALTH * health)));
            labels[row] = random.nextDouble() < pd ? 1f : 0f;
        }
        return new Dataset(FeatureDictionary.names(), values, labels, rows);
    }

    /** A value within the feature's typical range: the healthier, the nearer its safe end. */
    static double value(FeatureDefinition feature, double loading, double health, double noise) {
        double z = loading * health + Math.sqrt(1 - loading * loading) * noise;
        double towardsSafe = 1.0 / (1.0 + Math.exp(-1.7 * z));
        double share = feature.riskierWhen() == RiskDirection.LOWER_IS_RISKIER ? towardsSafe : 1 - towardsSafe;
        double value = feature.typicalLow() + share * (feature.typicalHigh() - feature.typicalLow());
        // Counts of machines and days are whole numbers on the wire; simulate them as such.
        return isWholeNumber(feature) ? Math.round(value) : value;
    }

    private static boolean isWholeNumber(FeatureDefinition feature) {
        return feature.unit().equals("machines") || feature.unit().equals("days");
    }
}
