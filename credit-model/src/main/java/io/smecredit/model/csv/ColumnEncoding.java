package io.smecredit.model.csv;

import java.util.List;
import java.util.Set;

/**
 * How one input column becomes model features: a numeric column is one feature of the same name; a categorical
 * column is one 0/1 feature {@code column=category} per kept category, plus {@code column=__other__} when rarer
 * categories were folded together.
 *
 * @param categories      kept categories, most frequent first (empty for numeric columns)
 * @param otherCategories categories seen in training but folded into {@code __other__}
 */
public record ColumnEncoding(String column, boolean numeric, List<String> categories, Set<String> otherCategories) {

    public static final String OTHER = "__other__";

    public ColumnEncoding {
        categories = List.copyOf(categories);
        otherCategories = Set.copyOf(otherCategories);
    }

    public List<String> featureNames() {
        if (numeric) {
            return List.of(column);
        }
        List<String> names = new java.util.ArrayList<>();
        categories.forEach(category -> names.add(column + "=" + category));
        if (!otherCategories.isEmpty()) {
            names.add(column + "=" + OTHER);
        }
        return names;
    }
}
