package io.smecredit.scoring.model.service;

import io.smecredit.contracts.FeatureNames;
import io.smecredit.scoring.model.domain.TrainingSet;

import java.util.Random;

/**
 * Simulated SMEs to train a first model before any real default has been observed. A latent financial-health
 * variable drives every feature (with noise) and, through a logistic link, the default label, so the features
 * carry a known, monotone signal. The same seed always yields the same rows.
 */
public final class SimulatedPortfolio {

    /** Intercept and slope of the logistic link; chosen so that about 6% of simulated SMEs default. */
    static final double DEFAULT_INTERCEPT = -3.8;
    static final double DEFAULT_SLOPE_PER_HEALTH = -1.6;
    /** Share of rows without energy per good unit: the feature is absent when an SME produced no good unit. */
    static final double ENERGY_MISSING_RATE = 0.02;

    private SimulatedPortfolio() {
    }

    public static TrainingSet generate(int rows, long seed) {
        Random random = new Random(seed);
        int columns = FeatureNames.ALL.size();
        float[] features = new float[rows * columns];
        float[] labels = new float[rows];
        for (int row = 0; row < rows; row++) {
            double health = random.nextGaussian();
            int offset = row * columns;
            for (int column = 0; column < columns; column++) {
                features[offset + column] = (float) feature(FeatureNames.ALL.get(column), health, random);
            }
            double pd = 1.0 / (1.0 + Math.exp(-(DEFAULT_INTERCEPT + DEFAULT_SLOPE_PER_HEALTH * health)));
            labels[row] = random.nextDouble() < pd ? 1f : 0f;
        }
        return new TrainingSet(FeatureNames.ALL, features, labels);
    }

    private static double feature(String name, double health, Random random) {
        double noise = random.nextGaussian();
        return switch (name) {
            case FeatureNames.UTILISATION -> clamp(0.60 + 0.12 * health + 0.10 * noise, 0, 1);
            case FeatureNames.AVAILABILITY -> clamp(0.90 + 0.04 * health + 0.04 * noise, 0, 1);
            case FeatureNames.QUALITY_RATE -> clamp(0.95 + 0.02 * health + 0.015 * noise, 0, 1);
            case FeatureNames.ENERGY_KWH_PER_GOOD_UNIT -> random.nextDouble() < ENERGY_MISSING_RATE
                    ? Double.NaN
                    : 1.2 * Math.exp(-0.15 * health + 0.20 * noise);
            case FeatureNames.ACTIVE_MACHINES -> Math.max(1, Math.round(3 + 0.8 * health + 0.8 * noise));
            default -> throw new IllegalArgumentException("No simulation for feature " + name);
        };
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
