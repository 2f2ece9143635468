package io.smecredit.model;

import io.smecredit.model.tree.TreeEnsemble;
import io.smecredit.model.tree.XgboostJsonModel;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Trains calibrated XGBoost credit models with xgboost4j. Synchronous and CPU-bound: callers that must stay
 * responsive run it on a worker thread of their own.
 *
 * <p>Procedure ({@link #train}): a stratified validation split is held out; boosting ({@code binary:logistic},
 * {@code hist}) runs until the validation AUC has not improved for {@code earlyStoppingRounds} rounds, and only the
 * best {@code best_iteration + 1} rounds are kept (the booster itself keeps every round it ran, so the kept model
 * is retrained with exactly that many rounds). The calibration is fitted on the held-out rows' predictions of
 * that model. By default the final booster is then retrained with the same number of rounds on all rows, so no
 * data is wasted; the held-out rows only chose the rounds and the calibration.
 */
public final class CreditModelTrainer {

    /** Tree shapes tried by the hyperparameter search: {max_depth, min_child_weight}, chosen by validation AUC. */
    public static final List<int[]> SEARCH_GRID = List.of(
            new int[]{3, 1}, new int[]{4, 1}, new int[]{6, 1},
            new int[]{3, 10}, new int[]{4, 10}, new int[]{6, 10});

    private static final int MIN_ROWS_PER_CLASS = 5;

    /** Trains on all of {@code data}; see the class comment for the procedure. */
    public ModelArtifact train(Dataset data, TrainingOptions options, ProgressListener progress) {
        return train(data, null, options, new Stages(progress, "training"));
    }

    /**
     * As {@link #train(Dataset, TrainingOptions, ProgressListener)}, with the rows of each group ({@code groupOf[row]},
     * e.g. the SME of a daily snapshot) kept in one internal fold. Without it, a borrower's other days sit in the fold
     * that validates it: early stopping, calibration and the card's held-out metrics then reward recognising the
     * borrower (a model of labels unrelated to the features reported AUC 1.000 and scored 0.500 on new SMEs).
     */
    public ModelArtifact train(Dataset data, String[] groupOf, TrainingOptions options, ProgressListener progress) {
        if (groupOf.length != data.rows()) {
            throw new IllegalArgumentException("Expected a group for each of " + data.rows() + " rows, got "
                    + groupOf.length);
        }
        return train(data, groupOf, options, new Stages(progress, "training"));
    }

    /**
     * Cross-validates the whole procedure: each of {@code folds} stratified folds is scored by a model trained
     * (with its own early stopping and calibration) on the other folds.
     */
    public CrossValidationResult crossValidate(Dataset data, TrainingOptions options, int folds, ProgressListener progress) {
        if (folds < 2) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 folds, got " + folds);
        }
        requireTrainable(data, folds);
        return crossValidate(data, options, stratifiedFolds(data.labels(), folds, options.seed()), progress);
    }

    /**
     * Cross-validates on given folds ({@code foldOf[row]} = 0 … k−1), for comparing like with like against another
     * tool's run on the same splits (e.g. a reference script's scikit-learn folds).
     */
    public CrossValidationResult crossValidate(Dataset data, TrainingOptions options, int[] foldOf,
                                               ProgressListener progress) {
        if (foldOf.length != data.rows()) {
            throw new IllegalArgumentException("The folds name " + foldOf.length + " rows but the data has "
                    + data.rows());
        }
        int folds = java.util.Arrays.stream(foldOf).max().orElse(0) + 1;
        for (int fold = 0; fold < folds; fold++) {
            int current = fold;
            if (java.util.Arrays.stream(foldOf).noneMatch(f -> f == current)) {
                throw new IllegalArgumentException("Fold " + fold + " has no rows; folds must be numbered 0 to "
                        + (folds - 1));
            }
        }
        if (folds < 2 || java.util.Arrays.stream(foldOf).anyMatch(f -> f < 0)) {
            throw new IllegalArgumentException("Cross-validation needs fold numbers 0 … k−1 with k ≥ 2");
        }
        for (int fold = 0; fold < folds; fold++) {
            int defaults = 0;
            int rows = 0;
            for (int row = 0; row < foldOf.length; row++) {
                if (foldOf[row] == fold) {
                    rows++;
                    defaults += data.labels()[row] > 0.5f ? 1 : 0;
                }
            }
            // AUC and KS of such a fold are undefined: the mean would be NaN, not a number anyone can use.
            if (defaults == 0 || defaults == rows) {
                throw new IllegalArgumentException("Fold number " + fold + " (fold " + (fold + 1) + " in the results)"
                        + " has " + rows + " rows and " + defaults
                        + " defaults: each fold needs defaults and non-defaults to be scored (AUC, KS); stratify the"
                        + " folds by the label");
            }
        }
        long started = System.nanoTime();
        double[] oof = new double[data.rows()];
        List<Metrics> foldMetrics = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        List<Map<String, Object>> shapes = new ArrayList<>();
        double[] importance = new double[data.featureCount()];
        for (int fold = 0; fold < folds; fold++) {
            int[] trainRows = rowsWhere(foldOf, fold, false);
            int[] testRows = rowsWhere(foldOf, fold, true);
            Dataset trainPart = data.subset(trainRows);
            Dataset testPart = data.subset(testRows);
            int current = fold;
            Stages stages = new Stages((stage, done, total) -> progress.onProgress(
                    "fold " + (current + 1) + "/" + folds + ": " + stage,
                    (int) ((current * (long) Stages.UNITS + done) / folds), Stages.UNITS), "training");
            ModelArtifact artifact = train(trainPart, null, options, stages);
            ServingModel model = ServingModel.of(artifact);
            double[] pds = model.pds(testPart.valuesAsDoubles(), testPart.rows());
            for (int i = 0; i < testRows.length; i++) {
                oof[testRows[i]] = pds[i];
            }
            foldMetrics.add(Metrics.of(pds, testPart.labels()));
            rounds.add(((Number) artifact.parameters().get("rounds")).intValue());
            Map<String, Object> shape = new LinkedHashMap<>();
            shape.put("max_depth", artifact.parameters().get("max_depth"));
            shape.put("min_child_weight", artifact.parameters().get("min_child_weight"));
            shapes.add(shape);
            int sample = Math.min(testPart.rows(), 2000);
            for (int r = 0; r < sample; r++) {
                double[] phi = model.contributions(testPart.row(r));
                for (int f = 0; f < importance.length; f++) {
                    importance[f] += Math.abs(phi[f]) / sample / folds;
                }
            }
        }
        progress.onProgress("cross-validation done", Stages.UNITS, Stages.UNITS);
        Map<String, Double> ranked = new LinkedHashMap<>();
        Integer[] order = new Integer[importance.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -importance[i]));
        for (int i : order) {
            ranked.put(data.featureNames().get(i), importance[i]);
        }
        return new CrossValidationResult(Metrics.mean(foldMetrics), foldMetrics, oof, data.labels().clone(), ranked,
                rounds, shapes, (System.nanoTime() - started) / 1e9);
    }

    private ModelArtifact train(Dataset data, String[] groupOf, TrainingOptions options, Stages stages) {
        requireTrainable(data, Math.max(2, options.internalFolds()));
        Map<String, Object> params = xgboostParameters(data, options);
        List<int[]> heldOutRows = heldOutPartitions(data, groupOf, options);
        List<Dataset> fits = new ArrayList<>();
        List<Dataset> holds = new ArrayList<>();
        for (int[] held : heldOutRows) {
            fits.add(data.subset(complement(held, data.rows())));
            holds.add(data.subset(held));
        }

        Map<String, Object> searchLog = new LinkedHashMap<>();
        int searchStages = options.hyperparameterSearch() ? SEARCH_GRID.size() : 0;
        // Shares of the bar by the work each stage does: a search candidate or the boosting trains one booster per
        // internal fold for the kept rounds plus the patience; the refit trains one booster for the kept rounds; the
        // baseline is a pass over the rows. (Equal shares left the bar at a third while boosting took nearly all.)
        int[] weights = new int[searchStages + 3];
        java.util.Arrays.fill(weights, 0, searchStages + 1, 10);
        weights[searchStages + 1] = 2;
        weights[searchStages + 2] = 1;
        stages.plan(weights);
        if (options.hyperparameterSearch()) {
            double bestAuc = Double.NEGATIVE_INFINITY;
            int[] best = null;
            for (int[] candidate : SEARCH_GRID) {
                Map<String, Object> trial = new LinkedHashMap<>(params);
                trial.put("max_depth", candidate[0]);
                trial.put("min_child_weight", candidate[1]);
                Boosted result = boost(fits, holds, trial, options,
                        stages.next("search depth " + candidate[0] + ", min child weight " + candidate[1]));
                searchLog.put("depth=" + candidate[0] + ",min_child_weight=" + candidate[1], result.bestAuc());
                if (result.bestAuc() > bestAuc) {
                    bestAuc = result.bestAuc();
                    best = candidate;
                }
            }
            params.put("max_depth", best[0]);
            params.put("min_child_weight", best[1]);
        }

        Boosted boosted = boost(fits, holds, params, options, stages.next("boosting with early stopping"));
        int keptRounds = boosted.bestIteration() + 1;
        // Each held-out row is predicted by the model that did not see it, cut to the kept rounds.
        int heldOutCount = heldOutRows.stream().mapToInt(rows -> rows.length).sum();
        double[] heldOutRaw = new double[heldOutCount];
        float[] heldOutLabels = new float[heldOutCount];
        int at = 0;
        for (int p = 0; p < holds.size(); p++) {
            TreeEnsemble kept = XgboostJsonModel.parse(boosted.json().get(p)).firstTrees(keptRounds);
            double[] raw = kept.probabilities(holds.get(p).valuesAsDoubles(), holds.get(p).rows());
            System.arraycopy(raw, 0, heldOutRaw, at, raw.length);
            System.arraycopy(holds.get(p).labels(), 0, heldOutLabels, at, raw.length);
            at += raw.length;
        }
        Calibration calibration = CalibrationFitter.fit(options.calibration(), heldOutRaw, heldOutLabels);
        double[] heldOutPds = new double[heldOutCount];
        for (int i = 0; i < heldOutCount; i++) {
            heldOutPds[i] = calibration.pd(heldOutRaw[i]);
        }
        Metrics heldOut = Metrics.of(heldOutPds, heldOutLabels);

        boolean refit = options.refitOnAllRows() || holds.size() > 1;
        Dataset finalRows = refit ? data : fits.get(0);
        byte[] finalJson = trainFixedRounds(finalRows, params, keptRounds,
                stages.next(refit ? "refitting on all rows" : "keeping the best rounds"));

        stages.next("population baseline").accept(0);
        // The score's baseline should look like scores of borrowers the model has not seen, which is what it will be
        // compared with: with internal folds every row has such an out-of-fold PD. In-sample PDs are more extreme
        // (German credit: PSI 0.09-0.14 of unseen rows from the same population against 0.03-0.11).
        double[] baselinePds = heldOutCount == data.rows() ? heldOutPds : inSamplePds(finalJson, calibration, data);
        PopulationBaseline baseline = PopulationBaseline.of(data, baselinePds);
        stages.done();

        Map<String, Object> recorded = new LinkedHashMap<>(params);
        recorded.put("rounds", keptRounds);
        recorded.put("best_iteration", boosted.bestIteration());
        recorded.put("rounds_run", boosted.roundsRun());
        recorded.put("best_validation_auc", boosted.bestAuc());
        recorded.put("max_rounds", options.maxRounds());
        recorded.put("early_stopping_rounds", options.earlyStoppingRounds());
        recorded.put("internal_folds", holds.size() > 1 ? holds.size() : 1);
        if (holds.size() == 1) {
            recorded.put("validation_fraction", options.validationFraction());
        }
        recorded.put("validation_rows", heldOutCount);
        recorded.put("refit_on_all_rows", refit);
        recorded.put("imbalance", options.imbalance().name());
        recorded.put("calibration", options.calibration().name());
        if (!searchLog.isEmpty()) {
            recorded.put("search_validation_auc", searchLog);
        }
        recorded.put(BuildInfo.PARAMETER, BuildInfo.current());
        return ModelArtifact.create(finalJson, data.featureNames(), 0, calibration, baseline, recorded,
                heldOut.asMap(), fingerprint(data), data.rows());
    }

    private static double[] inSamplePds(byte[] boosterJson, Calibration calibration, Dataset data) {
        double[] pds = XgboostJsonModel.parse(boosterJson).probabilities(data.valuesAsDoubles(), data.rows());
        for (int i = 0; i < pds.length; i++) {
            pds[i] = calibration.pd(pds[i]);
        }
        return pds;
    }

    /** Held-out rows of each internal fold, or of the single validation split; a group's rows stay together. */
    private static List<int[]> heldOutPartitions(Dataset data, String[] groupOf, TrainingOptions options) {
        List<int[]> partitions = new ArrayList<>();
        if (groupOf != null) {
            // A single split of whole groups is the first of round(1 / validationFraction) grouped folds.
            boolean kFold = options.internalFolds() >= 2;
            int folds = kFold ? options.internalFolds()
                    : (int) Math.max(2, Math.round(1 / options.validationFraction()));
            int[] foldOf = groupedStratifiedFolds(data.labels(), groupOf, folds, options.seed() + 7);
            for (int f = 0; f < (kFold ? folds : 1); f++) {
                partitions.add(rowsWhere(foldOf, f, true));
            }
        } else if (options.internalFolds() >= 2) {
            int[] foldOf = stratifiedFolds(data.labels(), options.internalFolds(), options.seed() + 7);
            for (int f = 0; f < options.internalFolds(); f++) {
                partitions.add(rowsWhere(foldOf, f, true));
            }
        } else {
            partitions.add(stratifiedSplit(data.labels(), options.validationFraction(), options.seed())[1]);
        }
        return partitions;
    }

    /**
     * Fold of each row, whole groups at a time: groups with a default and groups without are each dealt round-robin
     * after a seeded shuffle, so every fold gets its share of defaulting borrowers.
     */
    static int[] groupedStratifiedFolds(float[] labels, String[] groupOf, int folds, long seed) {
        Map<String, Boolean> defaulted = new LinkedHashMap<>();
        for (int r = 0; r < labels.length; r++) {
            defaulted.merge(groupOf[r], labels[r] == 1f, Boolean::logicalOr);
        }
        long defaulting = defaulted.values().stream().filter(d -> d).count();
        if (defaulting < folds || defaulted.size() - defaulting < folds) {
            throw new IllegalArgumentException("Too few borrowers to validate on: " + defaulting + " with a default and "
                    + (defaulted.size() - defaulting) + " without; need at least " + folds + " of each");
        }
        Map<String, Integer> foldOfGroup = new HashMap<>();
        for (boolean cls : new boolean[]{false, true}) {
            List<String> groups = new ArrayList<>();
            defaulted.forEach((group, d) -> {
                if (d == cls) {
                    groups.add(group);
                }
            });
            groups.sort(null);
            java.util.Collections.shuffle(groups, new Random(seed * 31 + (cls ? 1 : 0)));
            for (int i = 0; i < groups.size(); i++) {
                foldOfGroup.put(groups.get(i), i % folds);
            }
        }
        int[] foldOf = new int[labels.length];
        for (int r = 0; r < labels.length; r++) {
            foldOf[r] = foldOfGroup.get(groupOf[r]);
        }
        return foldOf;
    }

    private static int[] complement(int[] rows, int total) {
        boolean[] taken = new boolean[total];
        for (int r : rows) {
            taken[r] = true;
        }
        return java.util.stream.IntStream.range(0, total).filter(i -> !taken[i]).toArray();
    }

    Map<String, Object> xgboostParameters(Dataset data, TrainingOptions options) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("eval_metric", "auc");
        params.put("eta", options.learningRate());
        params.put("max_depth", options.maxDepth());
        params.put("min_child_weight", options.minChildWeight());
        params.put("subsample", options.subsample());
        params.put("colsample_bytree", options.columnSample());
        params.put("lambda", options.l2());
        params.put("nthread", options.threads());
        params.put("seed", (int) options.seed());
        params.put("verbosity", 0);
        int positives = data.positives();
        double ratio = (double) (data.rows() - positives) / positives;
        params.put("scale_pos_weight", switch (options.imbalance()) {
            case NONE -> 1.0;
            case SQRT -> Math.sqrt(ratio);
            case BALANCED -> ratio;
        });
        if (!options.monotoneConstraints().isEmpty()) {
            TreeSet<String> unknown = new TreeSet<>(options.monotoneConstraints().keySet());
            data.featureNames().forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Monotone constraints name features the data does not have: " + unknown);
            }
            StringBuilder constraints = new StringBuilder("(");
            for (int f = 0; f < data.featureCount(); f++) {
                constraints.append(f == 0 ? "" : ",")
                        .append(options.monotoneConstraints().getOrDefault(data.featureNames().get(f), 0));
            }
            params.put("monotone_constraints", constraints.append(')').toString());
        }
        return params;
    }

    /** Boosters of each partition (all rounds run), the best round of their mean validation AUC, and that AUC. */
    record Boosted(List<byte[]> json, int bestIteration, int roundsRun, double bestAuc) {
    }

    /**
     * Boosts one booster per partition in lockstep, each watching its own held-out rows, and stops when the mean
     * validation AUC has not improved for {@code earlyStoppingRounds} rounds. The loop is ours rather than
     * xgboost4j's (whose early stopping watches only the last entry of the watches map and keeps every round),
     * so the stopping rule and the kept rounds are explicit.
     */
    private Boosted boost(List<Dataset> fits, List<Dataset> holds, Map<String, Object> params, TrainingOptions options,
                          java.util.function.IntConsumer roundsDone) {
        int parts = fits.size();
        DMatrix[] train = new DMatrix[parts];
        DMatrix[] watch = new DMatrix[parts];
        Booster[] boosters = new Booster[parts];
        try {
            for (int p = 0; p < parts; p++) {
                train[p] = matrix(fits.get(p));
                watch[p] = matrix(holds.get(p));
                Map<String, DMatrix> watches = new LinkedHashMap<>();
                watches.put("validation", watch[p]);
                boosters[p] = XGBoost.train(train[p], params, 0, watches, null, null);
            }
            double bestAuc = Double.NEGATIVE_INFINITY;
            int best = 0;
            int round = 0;
            int shown = 0;
            while (round < options.maxRounds()) {
                double sum = 0;
                for (int p = 0; p < parts; p++) {
                    boosters[p].update(train[p], round);
                    sum += parseMetric(boosters[p].evalSet(new DMatrix[]{watch[p]}, new String[]{"validation"}, round));
                }
                double auc = sum / parts;
                if (auc > bestAuc) {
                    bestAuc = auc;
                    best = round;
                }
                round++;
                // How far towards the end: the rounds cap, or - what usually ends it - the patience running out
                // (share of the patience waited since the best round). Never backwards, though a new best restarts
                // the wait; by the cap alone the bar stood at a tenth when early stopping ended the stage.
                int byCap = (int) ((long) round * 1000 / options.maxRounds());
                int byPatience = options.earlyStoppingRounds() > 0
                        ? (int) ((long) (round - 1 - best) * 1000 / options.earlyStoppingRounds()) : 0;
                shown = Math.max(shown, Math.min(1000, Math.max(byCap, byPatience)));
                roundsDone.accept(shown);
                if (options.earlyStoppingRounds() > 0 && round - 1 - best >= options.earlyStoppingRounds()) {
                    break;
                }
            }
            List<byte[]> json = new ArrayList<>();
            for (Booster booster : boosters) {
                json.add(booster.toByteArray("json"));
            }
            return new Boosted(json, best, round, bestAuc);
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost failed: " + e.getMessage(), e);
        } finally {
            for (int p = 0; p < parts; p++) {
                dispose(boosters[p], train[p], watch[p]);
            }
        }
    }

    private byte[] trainFixedRounds(Dataset rows, Map<String, Object> params, int rounds,
                                    java.util.function.IntConsumer progress) {
        DMatrix train = null;
        Booster booster = null;
        try {
            train = matrix(rows);
            booster = XGBoost.train(train, params, 0, Map.of(), null, null);
            for (int round = 0; round < rounds; round++) {
                booster.update(train, round);
                progress.accept((round + 1) * 1000 / rounds);
            }
            return booster.toByteArray("json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost failed: " + e.getMessage(), e);
        } finally {
            dispose(booster, train, null);
        }
    }

    static double parseMetric(String evaluation) {
        // "[12]\tvalidation-auc:0.8123"
        int colon = evaluation.lastIndexOf(':');
        return Double.parseDouble(evaluation.substring(colon + 1).trim());
    }

    private static DMatrix matrix(Dataset data) throws XGBoostError {
        DMatrix matrix = new DMatrix(data.values(), data.rows(), data.featureCount(), Float.NaN);
        matrix.setLabel(data.labels());
        return matrix;
    }

    private static void dispose(Booster booster, DMatrix a, DMatrix b) {
        if (booster != null) {
            booster.dispose();
        }
        if (a != null) {
            a.dispose();
        }
        if (b != null) {
            b.dispose();
        }
    }

    private static void requireTrainable(Dataset data, int parts) {
        int positives = data.positives();
        int negatives = data.rows() - positives;
        int needed = MIN_ROWS_PER_CLASS * parts;
        if (positives < needed || negatives < needed) {
            throw new IllegalArgumentException("Too few rows to train: " + positives + " defaults and " + negatives
                    + " non-defaults; need at least " + needed + " of each");
        }
    }

    /** Row indices {fit, validation}, each class split in the same proportion. */
    static int[][] stratifiedSplit(float[] labels, double validationFraction, long seed) {
        List<Integer> fit = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (float cls : new float[]{0f, 1f}) {
            List<Integer> rows = shuffledRowsOf(labels, cls, seed);
            int held = (int) Math.max(1, Math.round(rows.size() * validationFraction));
            validation.addAll(rows.subList(0, held));
            fit.addAll(rows.subList(held, rows.size()));
        }
        fit.sort(null);
        validation.sort(null);
        return new int[][]{fit.stream().mapToInt(Integer::intValue).toArray(),
                validation.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** Fold of each row; each class is dealt round-robin after a seeded shuffle, so folds are stratified. */
    static int[] stratifiedFolds(float[] labels, int folds, long seed) {
        int[] foldOf = new int[labels.length];
        for (float cls : new float[]{0f, 1f}) {
            List<Integer> rows = shuffledRowsOf(labels, cls, seed + 1);
            for (int i = 0; i < rows.size(); i++) {
                foldOf[rows.get(i)] = i % folds;
            }
        }
        return foldOf;
    }

    private static List<Integer> shuffledRowsOf(float[] labels, float cls, long seed) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == cls) {
                rows.add(i);
            }
        }
        java.util.Collections.shuffle(rows, new Random(seed * 31 + (long) cls));
        return rows;
    }

    private static int[] rowsWhere(int[] foldOf, int fold, boolean inFold) {
        return java.util.stream.IntStream.range(0, foldOf.length)
                .filter(i -> (foldOf[i] == fold) == inFold).toArray();
    }

    /** SHA-256 of feature names, values and labels: identifies the training data without storing it. */
    public static String fingerprint(Dataset data) {
        MessageDigest digest = ModelArtifact.sha256();
        for (String name : data.featureNames()) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        ByteBuffer buffer = ByteBuffer.allocate(4 * 4096);
        float[] values = data.values();
        for (int i = 0; i < values.length; i++) {
            if (!buffer.hasRemaining()) {
                digest.update(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putInt(Float.floatToIntBits(values[i]));
        }
        digest.update(buffer.array(), 0, buffer.position());
        for (float label : data.labels()) {
            digest.update(label == 1f ? (byte) 1 : (byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Maps the stages of one training run onto a single 0–{@value #UNITS} progress scale. */
    private static final class Stages {
        static final int UNITS = 1000;
        private final ProgressListener listener;
        private String name;
        private int[] weights = {1};
        private int totalWeight = 1;
        private int current = -1;
        private int weightBefore;

        Stages(ProgressListener listener, String name) {
            this.listener = listener;
            this.name = name;
        }

        /** The stages to come, each with its share of the bar. */
        void plan(int... stageWeights) {
            weights = stageWeights.clone();
            totalWeight = java.util.Arrays.stream(weights).sum();
            current = -1;
            weightBefore = 0;
        }

        java.util.function.IntConsumer next(String stage) {
            if (current >= 0) {
                weightBefore += weights[current];
            }
            current++;
            name = stage;
            long before = weightBefore;
            int weight = weights[current];
            listener.onProgress(stage, (int) (before * UNITS / totalWeight), UNITS);
            return permille -> listener.onProgress(name, (int) ((before * UNITS + (long) permille * weight)
                    / totalWeight), UNITS);
        }

        void done() {
            listener.onProgress(name, UNITS, UNITS);
        }
    }
}
