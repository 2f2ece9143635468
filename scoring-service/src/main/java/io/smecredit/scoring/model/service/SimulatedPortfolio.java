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
 *
 * <p>One exception: how many machines were active is mostly firm size, not health. Each simulated SME owns 2–12
 * machines, most of them few (as the simulator's SMEs do), whatever its health; health only decides how many of them
 * stood idle in a window. Drawn from the dictionary's 1–50 range like the other features, the count had made "few
 * machines were active" the first reason for most small, busy SMEs (three of the five demo SMEs in session 13).
 */
public final class SimulatedPortfolio {

    /** Intercept and slope of the logistic default link; about 6% of simulated SMEs default. */
    static final double DEFAULT_INTERCEPT = -3.4;
    static final double DEFAULT_SLOPE_PER_HEALTH = -1.3;
    static final double MISSING_RATE = 0.03;
    /** How strongly the latent health (rather than noise) drives a feature, spread over features by their index. */
    static final double MIN_LOADING = 0.15;
    static final double MAX_LOADING = 0.75;
    /** At most this share of an SME's machines stands idle in a window, for the least healthy. */
    static final double MAX_IDLE_SHARE = 0.5;

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
            int machines = machineCount(random.nextDouble());
            for (int f = 0; f < columns; f++) {
                double noise = random.nextGaussian();
                boolean missing = random.nextDouble() < MISSING_RATE;
                FeatureDefinition feature = features.get(f);
                double value = isActiveMachineCount(feature)
                        ? activeMachines(machines, loadings[f], health, noise)
                        : value(feature, loadings[f], health, noise);
                values[row * columns + f] = missing ? Float.NaN : (float) value;
            }
            double pd = 1.0 / (1.0 + Math.exp(-(DEFAULT_INTERCEPT + DEFAULT_SLOPE_PER_HEALTH * health)));
            labels[row] = random.nextDouble() < pd ? 1f : 0f;
        }
        return new Dataset(FeatureDictionary.names(), values, labels, rows);
    }

    /** Machines a simulated SME owns, from a uniform draw: 2–12, skewed towards the low end like the simulator's. */
    static int machineCount(double uniform) {
        return 2 + (int) (Math.pow(uniform, 2) * 11);
    }

    /** Active machines in a window: all it owns but the idle ones, up to {@link #MAX_IDLE_SHARE}, the sicker the more. */
    static double activeMachines(int machines, double loading, double health, double noise) {
        double idleShare = MAX_IDLE_SHARE * (1 - towardsSafe(loading, health, noise));
        return Math.max(1, machines - Math.round(idleShare * machines));
    }

    private static boolean isActiveMachineCount(FeatureDefinition feature) {
        return feature.windowDays() != null
                && feature.name().equals(FeatureDictionary.name("active_machines", feature.windowDays()));
    }

    /** Between 0 and 1, the nearer 1 the healthier; {@code loading} sets how much health (not noise) decides it. */
    private static double towardsSafe(double loading, double health, double noise) {
        double z = loading * health + Math.sqrt(1 - loading * loading) * noise;
        return 1.0 / (1.0 + Math.exp(-1.7 * z));
    }

    /** A value within the feature's typical range: the healthier, the nearer its safe end. */
    static double value(FeatureDefinition feature, double loading, double health, double noise) {
        double towardsSafe = towardsSafe(loading, health, noise);
        double share = feature.riskierWhen() == RiskDirection.LOWER_IS_RISKIER ? towardsSafe : 1 - towardsSafe;
        double value = feature.typicalLow() + share * (feature.typicalHigh() - feature.typicalLow());
        // Counts of machines and days are whole numbers on the wire; simulate them as such.
        return isWholeNumber(feature) ? Math.round(value) : value;
    }

    private static boolean isWholeNumber(FeatureDefinition feature) {
        return feature.unit().equals("machines") || feature.unit().equals("days");
    }
}
