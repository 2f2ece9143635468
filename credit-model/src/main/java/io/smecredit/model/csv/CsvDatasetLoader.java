package io.smecredit.model.csv;

import io.smecredit.model.Dataset;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads any labelled CSV into a {@link Dataset}: one header row; the label column (named by the caller) holds
 * 0/1; empty cells (and NA, N/A, NaN, null) are missing; a column whose every present cell is a plain decimal
 * number ({@link CsvNumbers}) is numeric; a column that is mostly numbers ({@link #MOSTLY_NUMBERS}) but has other
 * cells is refused, naming them; any other column, and any column the caller declares categorical, is one-hot
 * encoded, keeping the {@code maxCategories} most frequent categories and folding the rest into
 * {@code column=__other__}. Columns with no present value or a single distinct value are dropped and reported in
 * {@link Loaded#notes()}. Every refusal names the column and, where it applies, the line.
 */
public final class CsvDatasetLoader {

    public static final int DEFAULT_MAX_CATEGORIES = 20;
    /**
     * A column with at least this share of its non-empty cells numbers (and the rest not) is refused as a numeric
     * column with bad cells rather than one-hot encoded: one stray cell in ten thousand amounts should not make them
     * categories, while a text column with a few numeric-looking values (a code '10' among 'A1', 'B2') stays text.
     * Half, not more: at 90 %, amounts with 15 % of cells written '1,234' became 789 categories with only a note, and
     * a column of codes that are mostly numbers costs one option (--categorical), which the refusal names.
     */
    public static final double MOSTLY_NUMBERS = 0.5;
    /** How many offending cells a message lists. */
    private static final int SHOWN_CELLS = 5;

    /** What was loaded: the dataset, the encoder that reproduces its rows at scoring time, and what was dropped. */
    public record Loaded(Dataset dataset, RowEncoder encoder, List<String> notes) {
    }

    private CsvDatasetLoader() {
    }

    public static Loaded load(Path file, String labelColumn, int maxCategories) {
        return load(file, labelColumn, maxCategories, Set.of());
    }

    /**
     * As {@link #load(Path, String, int)}, with {@code categoricalColumns} one-hot encoded whatever their cells look
     * like (codes such as 10, 20, A1 that are mostly numeric-looking but are not quantities).
     */
    public static Loaded load(Path file, String labelColumn, int maxCategories, Set<String> categoricalColumns) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, file.getFileName().toString(), labelColumn, maxCategories, categoricalColumns);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("No such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Loaded load(String csv, String labelColumn, int maxCategories) {
        return load(csv, labelColumn, maxCategories, Set.of());
    }

    public static Loaded load(String csv, String labelColumn, int maxCategories, Set<String> categoricalColumns) {
        try {
            return load(new StringReader(csv), "input", labelColumn, maxCategories, categoricalColumns);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Loaded load(Reader reader, String source, String labelColumn, int maxCategories,
                               Set<String> categoricalColumns) throws IOException {
        if (maxCategories < 1) {
            throw new IllegalArgumentException("maxCategories must be at least 1");
        }
        CsvReader csv = new CsvReader(reader);
        List<String> header = csv.next();
        if (header == null || header.size() == 1 && header.get(0).isBlank()) {
            throw new IllegalArgumentException(source + " is empty: expected a header row and data rows");
        }
        header = header.stream().map(String::trim).toList();
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            List<String> copy = new ArrayList<>(header);
            copy.set(0, copy.get(0).substring(1));
            header = copy;
        }
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException(source + ": the header has an empty column name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(source + ": column '" + name + "' appears twice in the header");
            }
        }
        int labelIndex = header.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new IllegalArgumentException(source + " has no label column '" + labelColumn + "'; columns are " + header
                    + separatorHint(header));
        }
        for (String name : new TreeSet<>(categoricalColumns)) {
            if (name.equals(labelColumn)) {
                throw new IllegalArgumentException("'" + name + "' is the label column; it cannot also be categorical");
            }
            if (!header.contains(name)) {
                throw new IllegalArgumentException(source + " has no column '" + name + "' to read as categorical;"
                        + " columns are " + header);
            }
        }
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> fields;
        while ((fields = csv.next()) != null) {
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(source + " line " + csv.recordLine() + " has " + fields.size()
                        + " fields, the header " + header.size());
            }
            records.add(fields.toArray(String[]::new));
            lines.add(csv.recordLine());
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(source + " has a header but no data rows");
        }
        int rows = records.size();
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            String cell = records.get(r)[labelIndex];
            if (RowEncoder.isMissing(cell)) {
                throw new IllegalArgumentException(source + " line " + lines.get(r) + " has no value in label column '"
                        + labelColumn + "'");
            }
            int label = CsvNumbers.label(cell.trim());
            if (label < 0) {
                throw new IllegalArgumentException(source + " line " + lines.get(r) + ": label column '" + labelColumn
                        + "' must be 0 or 1 (0.0 and 1.0 are read too), found '" + cell.trim() + "'");
            }
            labels[r] = label;
        }

        List<String> notes = new ArrayList<>();
        List<ColumnEncoding> encodings = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == labelIndex) {
                continue;
            }
            String name = header.get(c);
            boolean declaredCategorical = categoricalColumns.contains(name);
            Map<String, Integer> counts = new HashMap<>();
            Set<Double> distinctNumbers = new HashSet<>();
            int present = 0;
            // Cells that read as numbers, finite or not, and the rows of the first few cells that are not finite numbers.
            int numberCells = 0;
            int notFinite = 0;
            List<Integer> firstNotFinite = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                String cell = records.get(r)[c];
                if (RowEncoder.isMissing(cell)) {
                    continue;
                }
                present++;
                String value = cell.trim();
                counts.merge(value, 1, Integer::sum);
                if (declaredCategorical) {
                    continue;
                }
                double number = CsvNumbers.read(value);
                if (!Double.isNaN(number)) {
                    numberCells++;
                }
                if (Double.isFinite(number)) {
                    if (distinctNumbers.size() < 2) {
                        distinctNumbers.add(number);
                    }
                } else {
                    notFinite++;
                    if (firstNotFinite.size() < SHOWN_CELLS) {
                        firstNotFinite.add(r);
                    }
                }
            }
            if (present == 0) {
                notes.add("dropped column '" + name + "': every value is missing");
                dropped.add(name);
                continue;
            }
            boolean numeric = !declaredCategorical && notFinite == 0;
            // A stray '1,234', '-' or 'Inf' in a column of amounts would otherwise turn the amounts into hundreds of
            // categories without a word; a column that is mostly numbers is numeric with bad cells, so it is refused.
            if (!declaredCategorical && notFinite > 0 && numberCells >= MOSTLY_NUMBERS * present) {
                throw new IllegalArgumentException(source + ": column '" + name + "' is mostly numbers, but " + notFinite
                        + " of its " + present + " non-empty cells " + (notFinite == 1 ? "is not a finite number: "
                        : "are not finite numbers: ") + cellList(records, lines, c, firstNotFinite)
                        + (notFinite > firstNotFinite.size() ? ", …" : "") + ". Write "
                        + (notFinite == 1 ? "it" : "each") + " as a plain number (1234, -0.5, 1.5e3: thousands"
                        + " separators, decimal commas, units, infinities and numbers beyond ±3.4e38 are not read) or leave it empty for a"
                        + " missing value; if '" + name + "' holds codes rather than quantities, declare it categorical"
                        + " (--categorical " + name + ").");
            }
            boolean constant = numeric ? distinctNumbers.size() < 2 : counts.size() < 2 && present == rows;
            if (constant) {
                notes.add("dropped column '" + name + "': constant (" + counts.keySet().iterator().next() + ")");
                dropped.add(name);
                continue;
            }
            if (numeric) {
                encodings.add(new ColumnEncoding(name, true, List.of(), Set.of()));
                continue;
            }
            List<String> byFrequency = new ArrayList<>(counts.keySet());
            byFrequency.sort(Comparator.comparing((String k) -> -counts.get(k)).thenComparing(k -> k));
            List<String> kept = byFrequency.subList(0, Math.min(maxCategories, byFrequency.size()));
            Set<String> other = new HashSet<>(byFrequency.subList(kept.size(), byFrequency.size()));
            encodings.add(new ColumnEncoding(name, false, kept, other));
            notes.add("one-hot encoded column '" + name + "'" + (declaredCategorical ? " (declared categorical)" : "")
                    + ": " + counts.size() + " categories"
                    + (other.isEmpty() ? "" : ", the " + kept.size() + " most frequent kept, " + other.size()
                    + " rarer ones as '" + name + "=" + ColumnEncoding.OTHER + "'"));
        }
        if (encodings.isEmpty()) {
            throw new IllegalArgumentException(source + " has no usable feature column besides '" + labelColumn + "'");
        }
        RowEncoder encoder = new RowEncoder(encodings, dropped);
        int width = encoder.featureNames().size();
        float[] values = new float[rows * width];
        int[] sourceIndex = new int[encodings.size()];
        for (int e = 0; e < sourceIndex.length; e++) {
            sourceIndex[e] = header.indexOf(encodings.get(e).column());
        }
        Map<String, String> record = new LinkedHashMap<>();
        for (int r = 0; r < rows; r++) {
            record.clear();
            for (int e = 0; e < sourceIndex.length; e++) {
                record.put(encodings.get(e).column(), records.get(r)[sourceIndex[e]]);
            }
            double[] row;
            try {
                row = encoder.encode(record);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lines.get(r) + ": " + e.getMessage(), e);
            }
            for (int f = 0; f < width; f++) {
                values[r * width + f] = (float) row[f];
            }
        }
        return new Loaded(new Dataset(encoder.featureNames(), values, labels, rows), encoder, List.copyOf(notes));
    }

    /**
     * Why the header may be one long column: Excel in many European locales saves "CSV" with semicolons (and decimal
     * commas), and some tools write tabs. Only commas are read, so say so rather than list one odd column name.
     */
    private static String separatorHint(List<String> header) {
        if (header.size() != 1) {
            return "";
        }
        long semicolons = header.get(0).chars().filter(ch -> ch == ';').count();
        long tabs = header.get(0).chars().filter(ch -> ch == '\t').count();
        if (semicolons == 0 && tabs == 0) {
            return "";
        }
        String separator = semicolons >= tabs ? "semicolon" : "tab";
        return ". The header has " + separator + "s and no commas: the file looks " + separator + "-separated, but"
                + " only comma-separated files are read; save it as CSV with commas (and decimal points: 0,5 is not a"
                + " number)";
    }

    /** "line 17 '1,234', line 240 '-'" for the given rows of one column. */
    private static String cellList(List<String[]> records, List<Integer> lines, int column, List<Integer> rows) {
        List<String> cells = new ArrayList<>();
        rows.forEach(r -> cells.add("line " + lines.get(r) + " '" + records.get(r)[column].trim() + "'"));
        return String.join(", ", cells);
    }
}
