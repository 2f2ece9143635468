package io.smecredit.benchmarks;

import io.smecredit.model.tree.TreeEnsemble;
import io.smecredit.model.tree.XgboostJsonModel;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Pure-Java evaluator vs xgboost4j on the same 300-tree, depth-6 booster, in one JMH run: single-row latency
 * (SampleTime, for percentiles), 1,000-row batches (throughput, reported as batches/s; rows/s = × 1,000) and
 * exact TreeSHAP reasons per row. xgboost4j is measured two ways per shape: through a DMatrix (what
 * {@code Booster.predict} needs) and with {@code inplace_predict} (its cheapest path).
 *
 * <p>Threads, stated so the comparison stays honest: single rows and reasons use one thread on both sides
 * (xgboost4j {@code nthread=1}). Batches run once per value of the {@code threads} parameter with the same count
 * on both sides: xgboost4j {@code nthread=threads}; Java splits the batch into {@code threads} chunks, the calling
 * thread taking one and {@code ForkJoinPool.commonPool()} the others.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ModelEvaluationBenchmark {

    private static final int BATCH = 1000;

    private TreeEnsemble ensemble;
    private Booster booster;
    private double[][] rows;
    private float[][] floatRows;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        byte[] json = BenchmarkModel.boosterJson();
        ensemble = XgboostJsonModel.parse(json);
        if (ensemble.treeCount() != BenchmarkModel.TREES) {
            throw new IllegalStateException("Benchmark model has " + ensemble.treeCount() + " trees");
        }
        booster = XGBoost.loadModel(json);
        booster.setParam("nthread", 1);
        rows = BenchmarkModel.rows(4096, 7);
        floatRows = new float[rows.length][BenchmarkModel.FEATURES];
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; f < BenchmarkModel.FEATURES; f++) {
                floatRows[r][f] = (float) rows[r][f];
            }
        }
        // Built now, not on the first measured explanation.
        if (!ensemble.prepareExplanations()) {
            throw new IllegalStateException("Benchmark model exceeds the TreeSHAP table cap");
        }
    }

    @TearDown(Level.Trial)
    public void release() {
        booster.dispose();
    }

    private int nextRow() {
        next = (next + 1) & 4095;
        return next;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double singleRowJava() {
        return ensemble.probability(rows[nextRow()]);
    }

    /** The same rows already in float32 (what XGBoost compares), skipping the conversion. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double singleRowJavaFloats() {
        return ensemble.probability(floatRows[nextRow()]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float singleRowXgboostDMatrix() throws Exception {
        DMatrix matrix = new DMatrix(floatRows[nextRow()], 1, BenchmarkModel.FEATURES, Float.NaN);
        try {
            return booster.predict(matrix)[0][0];
        } finally {
            matrix.dispose();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float singleRowXgboostInplace() throws Exception {
        return booster.inplace_predict(floatRows[nextRow()], 1, BenchmarkModel.FEATURES, Float.NaN)[0][0];
    }

    /** The batch side: its own booster, so its {@code nthread} follows the {@code threads} parameter. */
    @State(Scope.Thread)
    public static class Batch {

        @Param({"1", "2"})
        public int threads;

        TreeEnsemble ensemble;
        Booster booster;
        double[] values;
        float[] floatValues;

        @Setup(Level.Trial)
        public void load() throws Exception {
            byte[] json = BenchmarkModel.boosterJson();
            ensemble = XgboostJsonModel.parse(json);
            booster = XGBoost.loadModel(json);
            booster.setParam("nthread", threads);
            double[][] rows = BenchmarkModel.rows(BATCH, 7);
            values = new double[BATCH * BenchmarkModel.FEATURES];
            floatValues = new float[BATCH * BenchmarkModel.FEATURES];
            for (int r = 0; r < BATCH; r++) {
                for (int f = 0; f < BenchmarkModel.FEATURES; f++) {
                    values[r * BenchmarkModel.FEATURES + f] = rows[r][f];
                    floatValues[r * BenchmarkModel.FEATURES + f] = (float) rows[r][f];
                }
            }
        }

        @TearDown(Level.Trial)
        public void release() {
            booster.dispose();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double[] batch1000Java(Batch b) {
        return b.ensemble.probabilities(b.values, BATCH, b.threads);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[][] batch1000XgboostDMatrix(Batch b) throws Exception {
        DMatrix matrix = new DMatrix(b.floatValues, BATCH, BenchmarkModel.FEATURES, Float.NaN);
        try {
            return b.booster.predict(matrix);
        } finally {
            matrix.dispose();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[][] batch1000XgboostInplace(Batch b) throws Exception {
        return b.booster.inplace_predict(b.floatValues, BATCH, BenchmarkModel.FEATURES, Float.NaN);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] reasonsTreeShapJava() {
        return ensemble.contributions(rows[nextRow()]);
    }
}
