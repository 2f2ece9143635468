package io.smecredit.model.csv;

import io.smecredit.model.ModelArtifact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a raw record (column → text, as in the training CSV) into a model row, exactly as training did.
 *
 * <p>Unknown categories are refused rather than guessed: a category that was never seen in training cannot be
 * placed honestly (it may be riskier or safer than anything the model knows), so {@link #encode} throws an
 * {@link IllegalArgumentException} naming the column, the value and the known categories. Categories that were
 * seen in training but were too rare to get their own feature go to {@code column=__other__}, as in training.
 */
public final class RowEncoder {

    /** Key under which the encoder is recorded in {@link ModelArtifact#parameters()}. */
    public static final String PARAMETER = "csv_encoding";

    private final List<ColumnEncoding> columns;
    private final List<String> featureNames;
    private final Set<String> droppedColumns;

    public RowEncoder(List<ColumnEncoding> columns, Collection<String> droppedColumns) {
        this.columns = List.copyOf(columns);
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.addAll(c.featureNames()));
        this.featureNames = List.copyOf(names);
        this.droppedColumns = Set.copyOf(droppedColumns);
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<ColumnEncoding> columns() {
        return columns;
    }

    /** Blank and the usual "not available" spellings count as missing. */
    public static boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        String t = cell.trim();
        return t.isEmpty() || t.equalsIgnoreCase("NA") || t.equalsIgnoreCase("N/A") || t.equalsIgnoreCase("NaN")
                || t.equalsIgnoreCase("null");
    }

    /**
     * One model row from a raw record. Absent or blank columns are missing; columns dropped in training
     * (constant or empty) are ignored; columns the model never saw are refused.
     */
    public double[] encode(Map<String, String> record) {
        Set<String> known = new HashSet<>(droppedColumns);
        columns.forEach(c -> known.add(c.column()));
        TreeSet<String> unknown = new TreeSet<>(record.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown columns: " + unknown);
        }
        double[] row = new double[featureNames.size()];
        int offset = 0;
        for (ColumnEncoding column : columns) {
            String cell = record.get(column.column());
            int width = column.featureNames().size();
            if (isMissing(cell)) {
                Arrays.fill(row, offset, offset + width, Double.NaN);
            } else if (column.numeric()) {
                row[offset] = parseNumber(column.column(), cell.trim());
            } else {
                String value = cell.trim();
                int index = column.categories().indexOf(value);
                if (index < 0 && column.otherCategories().contains(value)) {
                    index = width - 1;
                }
                if (index < 0) {
                    throw new IllegalArgumentException("Column '" + column.column() + "' has category '" + value
                            + "', which training never saw; known categories: " + knownCategories(column));
                }
                row[offset + index] = 1;
            }
            offset += width;
        }
        return row;
    }

    /** The number in a trimmed cell of a numeric column, read as training read it (plain decimals only). */
    static double parseNumber(String column, String text) {
        double value = CsvNumbers.read(text);
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("Column '" + column + "' is numeric, but '" + text + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Column '" + column + "' has the non-finite value '" + text + "'");
        }
        return value;
    }

    private static String knownCategories(ColumnEncoding column) {
        TreeSet<String> all = new TreeSet<>(column.categories());
        all.addAll(column.otherCategories());
        return all.size() > 30 ? all.size() + " categories" : all.toString();
    }

    /** Plain maps and lists, for {@link ModelArtifact#parameters()}. */
    public Map<String, Object> toParameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        for (ColumnEncoding c : columns) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("column", c.column());
            column.put("numeric", c.numeric());
            if (!c.numeric()) {
                column.put("categories", c.categories());
                column.put("otherCategories", new ArrayList<>(new TreeSet<>(c.otherCategories())));
            }
            list.add(column);
        }
        map.put("columns", list);
        map.put("droppedColumns", new ArrayList<>(new TreeSet<>(droppedColumns)));
        return map;
    }

    /** The encoder recorded in a model trained from a CSV. */
    @SuppressWarnings("unchecked")
    public static RowEncoder of(ModelArtifact artifact) {
        Object recorded = artifact.parameters().get(PARAMETER);
        if (!(recorded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Model " + artifact.version() + " was not trained from a CSV file");
        }
        List<ColumnEncoding> columns = new ArrayList<>();
        for (Object o : (List<Object>) map.get("columns")) {
            Map<String, Object> c = (Map<String, Object>) o;
            boolean numeric = Boolean.TRUE.equals(c.get("numeric"));
            columns.add(new ColumnEncoding((String) c.get("column"), numeric,
                    numeric ? List.of() : (List<String>) c.get("categories"),
                    numeric ? Set.of() : new HashSet<>((List<String>) c.get("otherCategories"))));
        }
        return new RowEncoder(columns, (List<String>) map.get("droppedColumns"));
    }
}
