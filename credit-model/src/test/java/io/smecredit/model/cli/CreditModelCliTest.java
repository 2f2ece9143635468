package io.smecredit.model.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ModelArtifactJson;
import io.smecredit.model.ServingModel;
import io.smecredit.model.csv.RowEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end on a small generated CSV, as {@code ./platform train|evaluate} runs it. */
class CreditModelCliTest {

    @TempDir
    static Path dir;
    private static Path csv;

    @BeforeAll
    static void writeCsv() throws IOException {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder("utilisation,sector,debt_ratio,constant,default\n");
        String[] sectors = {"metal", "wood", "plastics", "textiles"};
        for (int i = 0; i < 1200; i++) {
            double utilisation = random.nextDouble();
            String sector = sectors[random.nextInt(sectors.length)];
            double debt = random.nextDouble() * 1.5;
            double z = -1.5 - 2 * utilisation + 1.8 * debt + (sector.equals("textiles") ? 0.7 : 0);
            int label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            String utilisationCell = random.nextDouble() < 0.1 ? "" : String.format(Locale.ROOT, "%.4f", utilisation);
            text.append(utilisationCell).append(',').append(sector).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", debt)).append(",1,").append(label).append('\n');
        }
        csv = dir.resolve("tiny.csv");
        Files.writeString(csv, text.toString());
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CreditModelCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evaluateWritesMetricsJsonAndAReadableReport() throws IOException {
        Path report = dir.resolve("report");
        Run run = run("evaluate", "--data", csv.toString(), "--label", "default", "--cv", "3", "--report",
                report.toString(), "--threads", "1", "--max-rounds", "150", "--internal-folds", "2");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("AUC").contains("KS").contains("Gini").contains("Brier").contains("LogLoss")
                .contains("ECE");
        assertThat(run.err()).as("progress bar").contains("[").contains("%").contains("fold 3/3");
        assertThat(run.err()).contains("dropped column 'constant'");

        JsonNode metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        for (String key : new String[]{"auc", "ks", "gini", "brier", "logloss", "ece"}) {
            assertThat(metrics.get(key).isNumber()).as(key).isTrue();
            assertThat(metrics.get("folds")).allSatisfy(fold -> assertThat(fold.get(key).isNumber()).isTrue());
        }
        assertThat(metrics.get("folds")).hasSize(3);
        assertThat(metrics.get("auc").asDouble()).isGreaterThan(0.6);
        // The options an auditor needs to reproduce the run, and none that did not apply to it.
        assertThat(metrics.get("options").get("internal_folds").asInt()).isEqualTo(2);
        assertThat(metrics.get("options").has("validation_fraction")).as("unused with internal folds").isFalse();
        assertThat(metrics.get("options").get("max_rounds").asInt()).isEqualTo(150);
        assertThat(metrics.get("options").get("max_categories").asInt()).isEqualTo(20);
        assertThat(metrics.get("options").get("categorical")).isEmpty();

        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(html).contains("ROC curve").contains("KS: cumulative share").contains("Calibration")
                .contains("Score distribution").contains("Feature importance");
        assertThat(html.split("<svg", -1)).as("four plots and the importance chart").hasSize(6);
        assertThat(html).contains("<polyline").contains("<circle").contains("sector=textiles");
    }

    @Test
    void trainWritesAServableModelThatRemembersTheEncoding() throws IOException {
        Path out = dir.resolve("model");
        Run run = run("train", "--data", csv.toString(), "--label", "default", "--out", out.toString(),
                "--threads", "1", "--max-rounds", "150", "--internal-folds", "2");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("parity passed").contains("AUC")
                .contains("internal validation (1200 out-of-fold rows of the 2 internal folds")
                .contains("optimistic; 'evaluate' gives the estimate to quote");
        ModelArtifact artifact = ModelArtifactJson.read(Files.readAllBytes(out.resolve("model.json")));
        assertThat(run.out()).contains(artifact.version());
        assertThat(artifact.parameters()).containsEntry("max_categories", 20);
        // The booster alone, with base_score as a scalar: XGBoost 1.x and 2.x read XGBoost 3's "[3E-1]" as 0.5.
        String exported = Files.readString(out.resolve("xgboost-model.json"));
        assertThat(new String(artifact.boosterJson(), StandardCharsets.UTF_8)).containsPattern("\"base_score\":\"\\[");
        assertThat(exported).containsPattern("\"base_score\":\"[0-9.Ee+-]+\"");
        float[][] rows = {{0.9f, 0.1f, 1, 0, 0, 0}, {0.1f, 1.4f, 0, 0, 0, 1}, {Float.NaN, 0.7f, 0, 1, 0, 0}};
        assertThat(artifact.featureNames()).hasSize(6);
        try {
            ml.dmlc.xgboost4j.java.Booster original = ml.dmlc.xgboost4j.java.XGBoost.loadModel(artifact.boosterJson());
            ml.dmlc.xgboost4j.java.Booster portable = ml.dmlc.xgboost4j.java.XGBoost.loadModel(
                    exported.getBytes(StandardCharsets.UTF_8));
            for (float[] row : rows) {
                ml.dmlc.xgboost4j.java.DMatrix matrix = new ml.dmlc.xgboost4j.java.DMatrix(row, 1, row.length, Float.NaN);
                assertThat(portable.predict(matrix)[0][0]).isEqualTo(original.predict(matrix)[0][0]);
                matrix.dispose();
            }
            original.dispose();
            portable.dispose();
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            throw new AssertionError(e);
        }
        RowEncoder encoder = RowEncoder.of(artifact);
        ServingModel model = ServingModel.of(artifact);
        double safe = model.pd(encoder.encode(Map.of("utilisation", "0.9", "sector", "metal", "debt_ratio", "0.1")));
        double risky = model.pd(encoder.encode(Map.of("utilisation", "0.1", "sector", "textiles", "debt_ratio", "1.4")));
        assertThat(risky).isGreaterThan(safe);
    }

    @Test
    void evaluateCanUseGivenFoldsToCompareWithAnotherToolOnTheSameSplits() throws IOException {
        Path folds = dir.resolve("folds.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            text.append(i < 400 ? 0 : i < 800 ? 1 : 2).append('\n');
        }
        Files.writeString(folds, text.toString());
        Path report = dir.resolve("given-folds");
        Run run = run("evaluate", "--data", csv.toString(), "--label", "default", "--folds", folds.toString(),
                "--report", report.toString(), "--threads", "1", "--max-rounds", "60", "--internal-folds", "2");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("3-fold given-fold");
        JsonNode metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertThat(metrics.get("folds")).hasSize(3);
        assertThat(metrics.get("folds_file").asText()).isEqualTo("folds.txt");
        assertThat(Files.readString(report.resolve("report.html")))
                .contains("3-fold cross-validation on the folds given in folds.txt").doesNotContain("stratified");

        // A fold without defaults cannot be scored (its AUC would be NaN, and so the mean): refused, naming it.
        java.util.List<String> lines = Files.readAllLines(csv);
        StringBuilder skewed = new StringBuilder();
        for (int i = 1; i < lines.size(); i++) {
            skewed.append(lines.get(i).endsWith(",1") ? 1 : i % 2).append('\n');
        }
        Files.writeString(folds, skewed.toString());
        Run noDefaultsInAFold = run("evaluate", "--data", csv.toString(), "--label", "default", "--folds",
                folds.toString(), "--threads", "1", "--max-rounds", "60", "--internal-folds", "2");
        assertThat(noDefaultsInAFold.status()).isEqualTo(1);
        assertThat(noDefaultsInAFold.err()).contains("Fold number 0 (fold 1 in the results) has").contains("0 defaults")
                .contains("each fold needs defaults and non-defaults");

        Files.writeString(folds, "0\n1\n");
        Run wrongCount = run("evaluate", "--data", csv.toString(), "--label", "default", "--folds", folds.toString());
        assertThat(wrongCount.status()).isEqualTo(1);
        assertThat(wrongCount.err()).contains("has 2 fold numbers but the data has 1200 rows");
    }

    @Test
    void aColumnOfCodesThatLookLikeNumbersIsRefusedUntilDeclaredCategorical() throws IOException {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder("branch,x,default\n");
        String[] branches = {"10", "20", "30", "A1"};
        for (int i = 0; i < 300; i++) {
            // 'A1' is one branch in ten: the column is mostly numbers, and a stray cell is what it would look like.
            String branch = i % 10 == 0 ? "A1" : branches[random.nextInt(3)];
            double x = random.nextDouble();
            int label = random.nextDouble() < (branch.equals("30") ? 0.5 : 0.2) + 0.3 * x ? 1 : 0;
            text.append(branch).append(',').append(String.format(Locale.ROOT, "%.3f", x)).append(',').append(label)
                    .append('\n');
        }
        Path codes = dir.resolve("codes.csv");
        Files.writeString(codes, text.toString());

        Run refused = run("evaluate", "--data", codes.toString(), "--label", "default");
        assertThat(refused.status()).as("bad data").isEqualTo(1);
        assertThat(refused.err()).contains("error: codes.csv: column 'branch' is mostly numbers, but 30 of its 300")
                .contains("line 2 'A1', line 12 'A1'").contains("(--categorical branch)");

        Path report = dir.resolve("codes-report");
        Run declared = run("evaluate", "--data", codes.toString(), "--label", "default", "--categorical", "branch",
                "--cv", "2", "--threads", "1", "--max-rounds", "20", "--internal-folds", "2", "--report", report.toString());
        assertThat(declared.status()).as(declared.err()).isZero();
        assertThat(declared.err()).contains("note: one-hot encoded column 'branch' (declared categorical): 4 categories")
                .contains("5 features");
        assertThat(new ObjectMapper().readTree(report.resolve("metrics.json").toFile()).get("options").get("categorical"))
                .extracting(JsonNode::asText).containsExactly("branch");

        Run unknown = run("evaluate", "--data", codes.toString(), "--label", "default", "--categorical", "branch,brnach");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no column 'brnach' to read as categorical");

        Run empty = run("evaluate", "--data", codes.toString(), "--label", "default", "--categorical", "branch,");
        assertThat(empty.status()).as("usage").isEqualTo(2);
        assertThat(empty.err()).contains("--categorical takes column names separated by commas, was 'branch,'")
                .doesNotContain("reading ");
    }

    @Test
    void badInputGivesAClearErrorAndAFailingStatus() {
        Run missingLabel = run("evaluate", "--data", csv.toString(), "--label", "bad_flag");
        assertThat(missingLabel.status()).isEqualTo(1);
        assertThat(missingLabel.err()).contains("error: ").contains("no label column 'bad_flag'");

        Run usage = run("evaluate", "--data", csv.toString());
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("--data and --label are required").contains("Usage:");

        Run unknownOption = run("train", "--data", csv.toString(), "--label", "default", "--colour", "red");
        assertThat(unknownOption.status()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("unknown option --colour");

        Run badEnum = run("train", "--data", csv.toString(), "--label", "default", "--calibration", "magic");
        assertThat(badEnum.status()).isEqualTo(2);
        assertThat(badEnum.err()).contains("--calibration must be one of [platt, isotonic]");

        // A usage mistake, said before the CSV is read (it was exit 1 after reading and encoding all of it).
        Run oneFold = run("evaluate", "--data", csv.toString(), "--label", "default", "--cv", "1");
        assertThat(oneFold.status()).isEqualTo(2);
        assertThat(oneFold.err()).contains("--cv must be at least 2").doesNotContain("reading ");
    }

    @Test
    void optionsThatDoNotApplyOrCannotWorkAreUsageErrorsSaidBeforeAnyWork() throws IOException {
        Path aFile = dir.resolve("a-file");
        Files.writeString(aFile, "not a directory");
        String[][] mistakes = {
                {"evaluate", "--out", "somewhere", "--out applies to train; evaluate writes metrics.json and report.html with --report DIR"},
                {"train", "--cv", "5", "--cv applies to evaluate"},
                {"train", "--report", "somewhere", "--report applies to evaluate"},
                {"train", "--folds", "f.txt", "--folds applies to evaluate"},
                {"evaluate", "--threads", "0", "--threads must be at least 1, was 0"},
                {"evaluate", "--internal-folds", "0", "--internal-folds must be at least 1, was 0"},
                {"evaluate", "--max-categories", "0", "--max-categories must be at least 1, was 0"},
                {"evaluate", "--max-rounds", "-3", "--max-rounds must be at least 1, was -3"},
                {"evaluate", "--eta", "0", "--eta (the learning rate) must be above 0 and at most 1, was '0'"},
                {"evaluate", "--min-child-weight", "-1", "--min-child-weight must be a number of at least 0"},
                {"evaluate", "--max-depth", "0", "--max-depth must be at least 1, was 0"},
                {"train", "--out", aFile.toString(), "--out " + aFile + " is a file, not a directory"},
                {"evaluate", "--report", aFile.resolve("sub").toString(), "--report " + aFile.resolve("sub")
                        + " cannot be created as a directory"},
        };
        for (String[] mistake : mistakes) {
            String[] args = {mistake[0], "--data", csv.toString(), "--label", "default", mistake[1], mistake[2]};
            Run run = run(args);
            assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).contains("error: " + mistake[3])
                    .doesNotContain("reading ");
        }
        Run twice = run("evaluate", "--data", csv.toString(), "--label", "default", "--eta", "0", "--eta", "0.1");
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("error: --eta is given twice; give it once");
        Run noFolds = run("evaluate", "--data", csv.toString(), "--label", "default", "--folds", "no-such.folds");
        assertThat(noFolds.status()).isEqualTo(2);
        assertThat(noFolds.err()).contains("error: --folds no-such.folds: no such file").doesNotContain("reading ");

        Run both = run("evaluate", "--data", csv.toString(), "--label", "default", "--cv", "3", "--folds", "f.txt");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("--cv and --folds exclude each other");

        Run help = run("train", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage:");
    }

    @Test
    void theSearchSaysWhatItChoseInTrainingAndPerFoldInEvaluation() throws IOException {
        Run trained = run("train", "--data", csv.toString(), "--label", "default", "--search", "--threads", "1",
                "--max-rounds", "40", "--early-stopping", "10", "--internal-folds", "2");
        assertThat(trained.status()).as(trained.err()).isZero();
        assertThat(trained.out()).containsPattern("search chose max_depth [346], min_child_weight (1|10) by mean"
                + " internal-fold AUC, of max_depth 3, min_child_weight 1: 0\\.[0-9]{4}; max_depth 4, min_child_weight 1: ");

        Path report = dir.resolve("searched");
        Run evaluated = run("evaluate", "--data", csv.toString(), "--label", "default", "--cv", "2", "--search",
                "--threads", "1", "--max-rounds", "40", "--early-stopping", "10", "--internal-folds", "2",
                "--report", report.toString());
        assertThat(evaluated.status()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("chosen by search").containsPattern("\\n1 .* max_depth [346], min_child_weight");
        JsonNode metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertThat(metrics.get("folds")).allSatisfy(fold -> {
            assertThat(fold.get("max_depth").asInt()).isIn(3, 4, 6);
            assertThat(fold.get("min_child_weight").asInt()).isIn(1, 10);
        });
        // One depth for all folds would be a guess: the options name the grid searched instead.
        assertThat(metrics.get("options").has("max_depth")).isFalse();
        assertThat(metrics.get("options").get("search_grid")).hasSize(6);
        assertThat(Files.readString(report.resolve("report.html"))).contains("tree shape chosen by the search")
                .contains("and the tree-shape search inside each fold");
    }
}
