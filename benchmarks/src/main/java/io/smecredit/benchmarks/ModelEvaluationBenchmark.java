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
 * {@code Booster.predict} needs) and with {@code inplace_predict} (its cheapest path); both single-threaded,
 * like the Java evaluator, so the comparison is per core.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ModelEvaluationBenchmark {

    private static final int BATCH = 1000;

    @Param({"1"})
    public int xgboostThreads;

    private TreeEnsemble ensemble;
    private Booster booster;
    private double[][] rows;
    private float[][] floatRows;
    private double[] batch;
    private float[] floatBatch;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        byte[] json = BenchmarkModel.boosterJson();
        ensemble = XgboostJsonModel.parse(json);
        if (ensemble.treeCount() != BenchmarkModel.TREES) {
            throw new IllegalStateException("Benchmark model has " + ensemble.treeCount() + " trees");
        }
        booster = XGBoost.loadModel(json);
        booster.setParam("nthread", xgboostThreads);
        rows = BenchmarkModel.rows(4096, 7);
        floatRows = new float[rows.length][BenchmarkModel.FEATURES];
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; f < BenchmarkModel.FEATURES; f++) {
                floatRows[r][f] = (float) rows[r][f];
            }
        }
        batch = new double[BATCH * BenchmarkModel.FEATURES];
        floatBatch = new float[BATCH * BenchmarkModel.FEATURES];
        for (int r = 0; r < BATCH; r++) {
            for (int f = 0; f < BenchmarkModel.FEATURES; f++) {
                batch[r * BenchmarkModel.FEATURES + f] = rows[r][f];
                floatBatch[r * BenchmarkModel.FEATURES + f] = (float) rows[r][f];
            }
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

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double[] batch1000Java() {
        return ensemble.probabilities(batch, BATCH);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[][] batch1000XgboostDMatrix() throws Exception {
        DMatrix matrix = new DMatrix(floatBatch, BATCH, BenchmarkModel.FEATURES, Float.NaN);
        try {
            return booster.predict(matrix);
        } finally {
            matrix.dispose();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[][] batch1000XgboostInplace() throws Exception {
        return booster.inplace_predict(floatBatch, BATCH, BenchmarkModel.FEATURES, Float.NaN);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] reasonsTreeShapJava() {
        return ensemble.contributions(rows[nextRow()]);
    }
}
