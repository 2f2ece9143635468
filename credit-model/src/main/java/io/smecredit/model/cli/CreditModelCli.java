package io.smecredit.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smecredit.model.CalibrationFitter;
import io.smecredit.model.CreditModelTrainer;
import io.smecredit.model.CrossValidationResult;
import io.smecredit.model.Metrics;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ModelArtifactJson;
import io.smecredit.model.ParityCheck;
import io.smecredit.model.ParityReport;
import io.smecredit.model.TrainingOptions;
import io.smecredit.model.csv.CsvDatasetLoader;
import io.smecredit.model.csv.RowEncoder;
import io.smecredit.model.report.EvaluationReport;
import io.smecredit.model.tree.XgboostJsonModel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code train} and {@code evaluate} on any labelled CSV; run through {@code ./platform train|evaluate}.
 * Results go to stdout, progress and notes to stderr. Exit status: 0 success, 1 bad data, 2 bad usage.
 */
public final class CreditModelCli {

    static final String USAGE = """
            Usage:
              train    --data FILE.csv --label COLUMN [--out DIR] [options]
              evaluate --data FILE.csv --label COLUMN [--cv K | --folds FILE] [--report DIR] [options]
            Options:
              --search                 try a small grid of tree shapes (max_depth x min_child_weight)
              --threads N              xgboost threads (default: min(4, cores))
              --seed N                 seed for splits, folds and sampling (default 42)
              --calibration KIND       platt (default) or isotonic
              --imbalance KIND         none (default), sqrt or balanced (scale_pos_weight; PDs are calibrated after)
              --max-categories N       one-hot categories kept per text column (default 20; rarer -> __other__)
              --categorical COL[,COL]  one-hot encode these columns even if they hold numbers (codes: 10, 20, A1)
              --max-rounds N           boosting rounds cap (default 2000; early stopping usually ends sooner)
              --early-stopping N       rounds without gain in mean validation AUC before stopping (default 200)
              --internal-folds K       folds that choose the rounds and fit the calibration (default 5; 1 = one split)
              --eta X --max-depth N --min-child-weight X   tree shape (defaults 0.02, 4, 1)
              --folds FILE             evaluate: use these folds (one number 0..k-1 per data row), e.g. another
                                       tool's, to compare like with like
            """;

    private final PrintStream out;
    private final PrintStream err;

    CreditModelCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new CreditModelCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        Map<String, String> options;
        String command;
        try {
            if (args.length == 0) {
                out.print(USAGE);
                return 2;
            }
            if (java.util.Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"))) {
                out.print(USAGE);
                return 0;
            }
            command = args[0];
            options = parse(args);
            if (!command.equals("train") && !command.equals("evaluate")) {
                throw new UsageException("unknown command '" + command + "'");
            }
            if (!options.containsKey("data") || !options.containsKey("label")) {
                throw new UsageException("--data and --label are required");
            }
            refuseOptionsOfTheOtherCommand(command, options);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            // Everything about the command line is checked before the data is read: a usage mistake should not
            // wait for a large CSV to load, nor for a model to train before its output directory is found unusable.
            TrainingOptions training = trainingOptions(options);
            int maxCategories = atLeast(options, "max-categories", CsvDatasetLoader.DEFAULT_MAX_CATEGORIES, 1);
            Set<String> categorical = columnsOption(options, "categorical");
            if (command.equals("evaluate") && !options.containsKey("folds") && intOption(options, "cv", 5) < 2) {
                throw new UsageException("--cv must be at least 2 (folds to cross-validate), was "
                        + options.get("cv"));
            }
            if (options.containsKey("folds") && !Files.isRegularFile(Path.of(options.get("folds")))) {
                throw new UsageException("--folds " + options.get("folds") + ": no such file");
            }
            for (String directory : List.of("out", "report")) {
                if (options.containsKey(directory)) {
                    prepareDirectory(directory, Path.of(options.get(directory)));
                }
            }
            Path data = Path.of(options.get("data"));
            err.println("reading " + data);
            CsvDatasetLoader.Loaded loaded = CsvDatasetLoader.load(data, options.get("label"), maxCategories, categorical);
            loaded.notes().forEach(note -> err.println("note: " + note));
            err.printf(Locale.ROOT, "%d rows, %d defaults (%.2f %%), %d features%n", loaded.dataset().rows(),
                    loaded.dataset().positives(), 100.0 * loaded.dataset().positives() / loaded.dataset().rows(),
                    loaded.dataset().featureCount());
            // How the CSV was read, recorded with the model (train) or the run (evaluate).
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put("max_categories", maxCategories);
            reading.put("categorical", List.copyOf(categorical));
            return command.equals("train") ? train(loaded, training, options, reading)
                    : evaluate(loaded, training, options, reading);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int train(CsvDatasetLoader.Loaded loaded, TrainingOptions options, Map<String, String> args,
                      Map<String, Object> reading) throws IOException {
        ProgressBar bar = new ProgressBar(err);
        long started = System.nanoTime();
        ModelArtifact trained = new CreditModelTrainer().train(loaded.dataset(), options, bar);
        bar.finish();
        Map<String, Object> parameters = new LinkedHashMap<>(trained.parameters());
        parameters.put(RowEncoder.PARAMETER, loaded.encoder().toParameters());
        parameters.put("source", Path.of(args.get("data")).getFileName().toString());
        parameters.put("label", args.get("label"));
        parameters.putAll(reading);
        ModelArtifact artifact = ModelArtifact.create(trained.boosterJson(), trained.featureNames(),
                trained.featureSchemaVersion(), trained.calibration(), trained.baseline(), parameters,
                trained.metrics(), trained.dataFingerprint(), trained.trainingRows());
        ParityReport parity = ParityCheck.check(artifact, ParityCheck.goldenSet(artifact, options.seed()));
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println("model " + artifact.version() + ": " + artifact.treeCount() + " trees, "
                + artifact.featureNames().size() + " features, trained on " + artifact.trainingRows() + " rows in "
                + String.format(Locale.ROOT, "%.1f s", seconds));
        Object searched = artifact.parameters().get("search_validation_auc");
        if (searched != null) {
            StringBuilder candidates = new StringBuilder();
            ((Map<?, ?>) searched).forEach((shape, auc) -> candidates.append(candidates.length() == 0 ? "" : "; ")
                    .append(String.valueOf(shape).replace("depth=", "max_depth ").replace(",", ", ").replace("=", " "))
                    .append(String.format(Locale.ROOT, ": %.4f", ((Number) auc).doubleValue())));
            out.println("search chose max_depth " + artifact.parameters().get("max_depth") + ", min_child_weight "
                    + artifact.parameters().get("min_child_weight") + " by mean internal-fold AUC, of " + candidates);
        }
        Object internalFolds = artifact.parameters().get("internal_folds");
        out.println(Integer.valueOf(1).equals(internalFolds)
                ? "internal validation (" + artifact.parameters().get("validation_rows") + " rows of the validation"
                        + " split, which also chose the rounds and fitted the calibration: optimistic; 'evaluate'"
                        + " gives the estimate to quote):"
                : "internal validation (" + artifact.parameters().get("validation_rows") + " out-of-fold rows of the "
                        + internalFolds + " internal folds, which also chose the rounds and fitted the calibration:"
                        + " optimistic; 'evaluate' gives the estimate to quote):");
        printMetrics(artifact.metrics());
        out.println(parity.summary());
        if (args.containsKey("out")) {
            Path dir = Path.of(args.get("out"));
            Files.write(dir.resolve("model.json"), ModelArtifactJson.write(artifact));
            Files.write(dir.resolve("xgboost-model.json"), XgboostJsonModel.withScalarBaseScore(artifact.boosterJson()));
            out.println("wrote " + dir.resolve("model.json") + " and " + dir.resolve("xgboost-model.json"));
        }
        return parity.passed() ? 0 : 1;
    }

    private int evaluate(CsvDatasetLoader.Loaded loaded, TrainingOptions options, Map<String, String> args,
                         Map<String, Object> reading) throws IOException {
        int[] given = args.containsKey("folds") ? readFolds(Path.of(args.get("folds")), loaded.dataset().rows()) : null;
        int folds = given != null ? java.util.Arrays.stream(given).max().orElse(0) + 1 : intOption(args, "cv", 5);
        ProgressBar bar = new ProgressBar(err);
        CrossValidationResult cv = given != null
                ? new CreditModelTrainer().crossValidate(loaded.dataset(), options, given, bar)
                : new CreditModelTrainer().crossValidate(loaded.dataset(), options, folds, bar);
        bar.finish();
        out.printf(Locale.ROOT, "%d-fold %s cross-validation, %d rows, %.1f s%n", folds,
                given != null ? "given-fold (" + args.get("folds") + ")" : "stratified", loaded.dataset().rows(),
                cv.seconds());
        boolean searched = options.hyperparameterSearch();
        out.printf(Locale.ROOT, "%-8s %7s %7s %7s %7s %8s %7s %7s%s%n", "fold", "auc", "ks", "gini", "brier", "logloss",
                "ece", "rounds", searched ? "  chosen by search" : "");
        for (int f = 0; f < cv.folds().size(); f++) {
            printRow(String.valueOf(f + 1), cv.folds().get(f), cv.roundsPerFold().get(f),
                    searched ? "  " + cv.treeShape(f) : "");
        }
        printRow("mean", cv.mean(), null, "");
        printMetrics(cv.mean().asMap());
        if (args.containsKey("report")) {
            Path dir = Path.of(args.get("report"));
            Map<String, Object> metrics = metricsJson(cv, loaded, args, options, folds, reading);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.write(dir.resolve("metrics.json"), json.writeValueAsBytes(metrics));
            String title = Path.of(args.get("data")).getFileName() + " — label '" + args.get("label") + "'";
            Files.writeString(dir.resolve("report.html"), EvaluationReport.html(title, cv, loaded.notes(), metrics));
            out.println("wrote " + dir.resolve("metrics.json") + " and " + dir.resolve("report.html"));
        }
        return 0;
    }

    /** One fold number (0 … k−1) per data row, one per line, in the order of the CSV's rows. */
    static int[] readFolds(Path file, int rows) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (lines.size() != rows) {
            throw new IllegalArgumentException("--folds " + file + " has " + lines.size() + " fold numbers but the data has "
                    + rows + " rows; it needs one per row");
        }
        int[] foldOf = new int[rows];
        for (int i = 0; i < rows; i++) {
            try {
                foldOf[i] = Integer.parseInt(lines.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--folds " + file + " line " + (i + 1) + ": '" + lines.get(i)
                        + "' is not a fold number");
            }
        }
        return foldOf;
    }

    static Map<String, Object> metricsJson(CrossValidationResult cv, CsvDatasetLoader.Loaded loaded,
                                           Map<String, String> args, TrainingOptions options, int folds,
                                           Map<String, Object> reading) {
        Map<String, Object> metrics = new LinkedHashMap<>(cv.mean().asMap());
        List<Map<String, Object>> perFold = new ArrayList<>();
        for (int f = 0; f < cv.folds().size(); f++) {
            Map<String, Object> fold = new LinkedHashMap<>();
            fold.put("fold", f + 1);
            fold.putAll(cv.folds().get(f).asMap());
            fold.put("rounds", cv.roundsPerFold().get(f));
            fold.putAll(cv.treeShapePerFold().get(f));
            perFold.add(fold);
        }
        metrics.put("folds", perFold);
        metrics.put("pooled", cv.pooled().asMap());
        metrics.put("cv_folds", folds);
        if (args.containsKey("folds")) {
            metrics.put("folds_file", Path.of(args.get("folds")).getFileName().toString());
        }
        metrics.put("rows", loaded.dataset().rows());
        metrics.put("defaults", loaded.dataset().positives());
        metrics.put("features", loaded.dataset().featureCount());
        metrics.put("seconds", cv.seconds());
        metrics.put("data", Path.of(args.get("data")).getFileName().toString());
        metrics.put("label", args.get("label"));
        metrics.put("feature_importance", cv.featureImportance());
        metrics.put("notes", loaded.notes());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("eta", options.learningRate());
        if (options.hyperparameterSearch()) {
            // Each fold searched on its own: what it chose is in folds[], not one setting for all.
            settings.put("search_grid", CreditModelTrainer.SEARCH_GRID.stream()
                    .map(shape -> Map.of("max_depth", shape[0], "min_child_weight", shape[1])).toList());
        } else {
            settings.put("max_depth", options.maxDepth());
            settings.put("min_child_weight", options.minChildWeight());
        }
        settings.put("subsample", options.subsample());
        settings.put("colsample_bytree", options.columnSample());
        settings.put("lambda", options.l2());
        settings.put("max_rounds", options.maxRounds());
        settings.put("early_stopping_rounds", options.earlyStoppingRounds());
        // Rounds and calibration are chosen on internal folds; a validation fraction applies only to a single split.
        settings.put("internal_folds", options.internalFolds());
        if (options.internalFolds() < 2) {
            settings.put("validation_fraction", options.validationFraction());
        }
        settings.putAll(reading);
        settings.put("calibration", options.calibration().name());
        settings.put("imbalance", options.imbalance().name());
        settings.put("search", options.hyperparameterSearch());
        settings.put("threads", options.threads());
        settings.put("seed", options.seed());
        metrics.put("options", settings);
        return metrics;
    }

    private void printRow(String name, Metrics m, Integer rounds, String suffix) {
        out.printf(Locale.ROOT, "%-8s %7.4f %7.4f %7.4f %7.4f %8.4f %7.4f %7s%s%n", name, m.auc(), m.ks(), m.gini(),
                m.brier(), m.logloss(), m.ece(), rounds == null ? "" : rounds, suffix);
    }

    /** Options of one command given to the other are mistakes, not something to ignore silently. */
    private static void refuseOptionsOfTheOtherCommand(String command, Map<String, String> options) {
        if (command.equals("train")) {
            for (String option : List.of("cv", "folds", "report")) {
                if (options.containsKey(option)) {
                    throw new UsageException("--" + option + " applies to evaluate; train fits one model on all rows"
                            + " (writing it with --out DIR) and chooses its rounds on --internal-folds K");
                }
            }
        } else {
            if (options.containsKey("out")) {
                throw new UsageException("--out applies to train; evaluate writes metrics.json and report.html with"
                        + " --report DIR");
            }
            if (options.containsKey("cv") && options.containsKey("folds")) {
                throw new UsageException("--cv and --folds exclude each other: --folds FILE fixes the folds, and their"
                        + " number");
            }
        }
    }

    /** Creates the output directory now, so a path that cannot be one is reported before any work is done. */
    private static void prepareDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--" + option + " " + dir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new UsageException("--" + option + " " + dir + " cannot be created as a directory ("
                    + e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() == null
                    || e.getMessage().equals(dir.toString()) ? "" : ": " + e.getMessage()) + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException("--" + option + " " + dir + " is not writable");
        }
    }

    private void printMetrics(Map<String, Double> metrics) {
        out.printf(Locale.ROOT, "AUC %.4f  KS %.4f  Gini %.4f  Brier %.4f  LogLoss %.4f  ECE %.4f%n",
                metrics.get("auc"), metrics.get("ks"), metrics.get("gini"), metrics.get("brier"),
                metrics.get("logloss"), metrics.get("ece"));
    }

    static TrainingOptions trainingOptions(Map<String, String> args) {
        TrainingOptions options = TrainingOptions.defaults();
        if (args.containsKey("threads")) {
            options = options.withThreads(atLeast(args, "threads", 1, 1));
        }
        if (args.containsKey("seed")) {
            options = options.withSeed(intOption(args, "seed", 42));
        }
        if (args.containsKey("max-rounds")) {
            options = options.withMaxRounds(atLeast(args, "max-rounds", 2000, 1));
        }
        if (args.containsKey("early-stopping")) {
            options = options.withEarlyStoppingRounds(atLeast(args, "early-stopping", 50, 1));
        }
        if (args.containsKey("internal-folds")) {
            options = options.withInternalFolds(atLeast(args, "internal-folds", 5, 1));
        }
        if (args.containsKey("eta") || args.containsKey("max-depth") || args.containsKey("min-child-weight")) {
            double eta = doubleOption(args, "eta", options.learningRate());
            if (!(eta > 0 && eta <= 1)) {
                throw new UsageException("--eta (the learning rate) must be above 0 and at most 1, was '"
                        + args.get("eta") + "'");
            }
            double minChildWeight = doubleOption(args, "min-child-weight", options.minChildWeight());
            if (!(minChildWeight >= 0) || Double.isInfinite(minChildWeight)) {
                throw new UsageException("--min-child-weight must be a number of at least 0, was '"
                        + args.get("min-child-weight") + "'");
            }
            options = options.withTreeShape(eta, atLeast(args, "max-depth", options.maxDepth(), 1), minChildWeight);
        }
        if (args.containsKey("search")) {
            options = options.withHyperparameterSearch(true);
        }
        if (args.containsKey("calibration")) {
            options = options.withCalibration(enumOption(CalibrationFitter.Kind.class, args, "calibration"));
        }
        if (args.containsKey("imbalance")) {
            options = options.withImbalance(enumOption(TrainingOptions.Imbalance.class, args, "imbalance"));
        }
        return options;
    }

    private static <E extends Enum<E>> E enumOption(Class<E> type, Map<String, String> args, String name) {
        try {
            return Enum.valueOf(type, args.get(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT) + ", was '" + args.get(name) + "'");
        }
    }

    private static double doubleOption(Map<String, String> args, String name, double fallback) {
        String value = args.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, was '" + value + "'");
        }
    }

    private static int intOption(Map<String, String> args, String name, int fallback) {
        String value = args.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }

    /** A whole-number option that has a lower bound (a count of threads, folds, rounds …). */
    private static int atLeast(Map<String, String> args, String name, int fallback, int minimum) {
        int value = intOption(args, name, fallback);
        if (value < minimum) {
            throw new UsageException("--" + name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /** Comma-separated column names; none if the option is absent. */
    private static Set<String> columnsOption(Map<String, String> args, String name) {
        Set<String> columns = new LinkedHashSet<>();
        if (args.containsKey(name)) {
            for (String column : args.get(name).split(",", -1)) {
                if (column.isBlank()) {
                    throw new UsageException("--" + name + " takes column names separated by commas, was '"
                            + args.get(name) + "'");
                }
                columns.add(column.trim());
            }
        }
        return columns;
    }

    private static final List<String> FLAGS = List.of("search");
    private static final List<String> VALUED = List.of("data", "label", "out", "cv", "report", "threads", "seed",
            "calibration", "imbalance", "max-categories", "max-rounds", "early-stopping", "internal-folds", "eta", "max-depth",
            "min-child-weight", "folds", "categorical");

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (options.containsKey(name)) {
                // The last one winning silently hid the mistake: "--eta 0 --eta 0.1" passed the check of --eta 0.
                throw new UsageException("--" + name + " is given twice; give it once"
                        + (name.equals("categorical") ? " with the columns separated by commas" : ""));
            }
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return options;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
