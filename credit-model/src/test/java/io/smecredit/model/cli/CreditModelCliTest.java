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
        assertThat(run.out()).contains("parity passed").contains("AUC");
        ModelArtifact artifact = ModelArtifactJson.read(Files.readAllBytes(out.resolve("model.json")));
        assertThat(Files.readAllBytes(out.resolve("xgboost-model.json"))).isEqualTo(artifact.boosterJson());
        assertThat(run.out()).contains(artifact.version());
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

        Files.writeString(folds, "0\n1\n");
        Run wrongCount = run("evaluate", "--data", csv.toString(), "--label", "default", "--folds", folds.toString());
        assertThat(wrongCount.status()).isEqualTo(1);
        assertThat(wrongCount.err()).contains("has 2 fold numbers but the data has 1200 rows");
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
}
