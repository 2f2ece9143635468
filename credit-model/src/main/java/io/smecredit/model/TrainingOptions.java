package io.smecredit.model;

import java.util.Map;

/**
 * How a model is trained. {@link #defaults()} is meant to do well on tabular credit data without per-dataset
 * tuning (see docs/model-quality.md for the evidence); every wither returns a changed copy.
 *
 * @param threads             xgboost {@code nthread}; always set explicitly so training never grabs every core
 * @param seed                seeds the validation split, the folds, row/column subsampling and the search
 * @param maxRounds           upper bound on boosting rounds; early stopping normally ends sooner
 * @param earlyStoppingRounds rounds without improvement of validation AUC before boosting stops (0 = never)
 * @param validationFraction  share of the training rows held out, stratified, for early stopping and calibration
 *                            when {@code internalFolds} is 1
 * @param monotoneConstraints feature name → +1 (PD may only rise with the value), -1 (only fall) or 0
 * @param calibration         how raw probabilities become PDs
 * @param hyperparameterSearch whether to try a small grid of tree shapes (see {@link CreditModelTrainer#SEARCH_GRID})
 * @param imbalance           how the minority class is weighted during boosting
 * @param learningRate        xgboost {@code eta}
 * @param maxDepth            xgboost {@code max_depth}
 * @param minChildWeight      xgboost {@code min_child_weight}
 * @param subsample           xgboost {@code subsample}
 * @param columnSample        xgboost {@code colsample_bytree}
 * @param l2                  xgboost {@code lambda}
 * @param refitOnAllRows      after early stopping has chosen the number of rounds, retrain that many rounds on
 *                            all rows (the held-out rows then only serve early stopping and calibration); always
 *                            done when {@code internalFolds >= 2}
 * @param internalFolds       when at least 2, rounds and calibration come from this many stratified internal folds
 *                            boosted in lockstep (early stopping on their mean AUC, calibration on every row's
 *                            out-of-fold prediction) instead of one validation split of {@code validationFraction}
 */
public record TrainingOptions(
        int threads,
        long seed,
        int maxRounds,
        int earlyStoppingRounds,
        double validationFraction,
        Map<String, Integer> monotoneConstraints,
        CalibrationFitter.Kind calibration,
        boolean hyperparameterSearch,
        Imbalance imbalance,
        double learningRate,
        int maxDepth,
        double minChildWeight,
        double subsample,
        double columnSample,
        double l2,
        boolean refitOnAllRows,
        int internalFolds) {

    /** Weighting of defaulters during boosting. Calibration undoes the distortion of the probabilities either way. */
    public enum Imbalance {
        /** Unweighted: the booster's probabilities are already close to calibrated. */
        NONE,
        /** {@code scale_pos_weight = sqrt(negatives / positives)}: more attention to the rare class, less distortion. */
        SQRT,
        /** {@code scale_pos_weight = negatives / positives}. */
        BALANCED
    }

    public TrainingOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1, was " + maxRounds);
        }
        if (earlyStoppingRounds < 0) {
            throw new IllegalArgumentException("earlyStoppingRounds must not be negative");
        }
        if (!(validationFraction > 0 && validationFraction < 0.9)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 0.9), was " + validationFraction);
        }
        monotoneConstraints = Map.copyOf(monotoneConstraints);
        monotoneConstraints.forEach((name, direction) -> {
            if (direction < -1 || direction > 1) {
                throw new IllegalArgumentException("Monotone constraint of '" + name + "' must be -1, 0 or +1, was " + direction);
            }
        });
        if (internalFolds < 1 || internalFolds > 20) {
            throw new IllegalArgumentException("internalFolds must be between 1 and 20, was " + internalFolds);
        }
        if (calibration == null || imbalance == null) {
            throw new IllegalArgumentException("calibration and imbalance are required");
        }
        if (!(learningRate > 0 && learningRate <= 1) || maxDepth < 1 || minChildWeight < 0
                || !(subsample > 0 && subsample <= 1) || !(columnSample > 0 && columnSample <= 1) || l2 < 0) {
            throw new IllegalArgumentException("Invalid tree parameters");
        }
    }

    /**
     * eta 0.02 with a patience of 200 rounds (rather than the common 0.05 / 50): smaller steps spread the fit over
     * more, smaller trees, and the long patience (the learning of 80 rounds at 0.05, plus margin) keeps a dip of the
     * noisy mean validation AUC on a plateau from ending boosting early. On the reference folds of all three public
     * sets this beat 0.05 / 50 (docs/model-quality.md), at about 2.5 times the boosting time.
     */
    public static TrainingOptions defaults() {
        return new TrainingOptions(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                42L, 2000, 200, 0.2, Map.of(), CalibrationFitter.Kind.PLATT, false, Imbalance.NONE,
                0.02, 4, 1.0, 0.8, 0.8, 1.0, true, 5);
    }

    public TrainingOptions withThreads(int value) {
        return new TrainingOptions(value, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(threads, value, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withMaxRounds(int value) {
        return new TrainingOptions(threads, seed, value, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withEarlyStoppingRounds(int value) {
        return new TrainingOptions(threads, seed, maxRounds, value, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withValidationFraction(double value) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, value, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withMonotoneConstraints(Map<String, Integer> value) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, value,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withCalibration(CalibrationFitter.Kind value) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                value, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withHyperparameterSearch(boolean value) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, value, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withImbalance(Imbalance value) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, value, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withTreeShape(double eta, int depth, double childWeight) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, eta, depth, childWeight, subsample,
                columnSample, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withSampling(double rows, double columns) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, rows,
                columns, l2, refitOnAllRows, internalFolds);
    }

    public TrainingOptions withRefitOnAllRows(boolean value) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, value, internalFolds);
    }

    public TrainingOptions withInternalFolds(int value) {
        return new TrainingOptions(threads, seed, maxRounds, earlyStoppingRounds, validationFraction, monotoneConstraints,
                calibration, hyperparameterSearch, imbalance, learningRate, maxDepth, minChildWeight, subsample,
                columnSample, l2, refitOnAllRows, value);
    }
}
