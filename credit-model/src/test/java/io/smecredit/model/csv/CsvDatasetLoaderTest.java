package io.smecredit.model.csv;

import io.smecredit.model.Dataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvDatasetLoaderTest {

    @Test
    void numericColumnsBecomeFeaturesAndEmptyCellsAreMissing() {
        Dataset data = CsvDatasetLoader.load("""
                income,ratio,default
                100,0.5,0
                ,0.7,1
                250,NA,0
                """, "default", 20).dataset();
        assertThat(data.featureNames()).containsExactly("income", "ratio");
        assertThat(data.rows()).isEqualTo(3);
        assertThat(data.labels()).containsExactly(0f, 1f, 0f);
        assertThat(data.value(1, 0)).isNaN();
        assertThat(data.value(2, 1)).isNaN();
        assertThat(data.value(2, 0)).isEqualTo(250f);
    }

    @Test
    void missingLabelColumnIsNamed() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("a,b\n1,2\n", "default", 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no label column 'default'")
                .hasMessageContaining("[a, b]");
    }

    @Test
    void aSemicolonOrTabSeparatedFileIsNamedAsSuch() {
        String semicolons = "checking_status;duration_months;default\nA11;6;0\n";
        assertThatThrownBy(() -> CsvDatasetLoader.load(semicolons, "default", 20))
                .hasMessageContaining("no label column 'default'; columns are [checking_status;duration_months;default]")
                .hasMessageContaining("the file looks semicolon-separated, but only comma-separated files are read");
        assertThatThrownBy(() -> CsvDatasetLoader.load("status\tmonths\tdefault\nA11\t6\t0\n", "default", 20))
                .hasMessageContaining("the file looks tab-separated");
        assertThatThrownBy(() -> CsvDatasetLoader.load("a,b\n1,2\n", "default", 20))
                .hasMessageNotContaining("separated");
    }

    @Test
    void missingOrNonBinaryLabelsNameTheLine() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\n2,\n", "default", 20))
                .hasMessageContaining("line 3").hasMessageContaining("no value in label column 'default'");
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\n2,2\n", "default", 20))
                .hasMessageContaining("line 3").hasMessageContaining("must be 0 or 1").hasMessageContaining("'2'");
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,yes\n", "default", 20))
                .hasMessageContaining("'yes'");
    }

    @Test
    void emptyInputIsRefusedClearly() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("", "default", 20)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n", "default", 20)).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> CsvDatasetLoader.load(Path.of("/no/such/file.csv"), "default", 20))
                .hasMessageContaining("No such file");
    }

    @Test
    void constantAndAllMissingColumnsAreDroppedWithANote() {
        CsvDatasetLoader.Loaded loaded = CsvDatasetLoader.load("""
                x,always_seven,never,country,default
                1,7,,CN,0
                2,7,,CN,1
                3,7,,CN,0
                """, "default", 20);
        assertThat(loaded.dataset().featureNames()).containsExactly("x");
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("'always_seven'").contains("constant"));
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("'never'").contains("every value is missing"));
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("'country'").contains("constant"));
    }

    @Test
    void dataWithNothingUsableIsRefused() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("c,default\n5,0\n5,1\n", "default", 20))
                .hasMessageContaining("no usable feature column");
    }

    @Test
    void textColumnsAreOneHotEncodedWithACapAndAnOtherBucket() {
        CsvDatasetLoader.Loaded loaded = CsvDatasetLoader.load("""
                sector,x,default
                metal,1,0
                metal,2,1
                metal,3,0
                wood,4,0
                wood,5,1
                glass,6,0
                "paper, recycled",7,1
                ,8,0
                """, "default", 2);
        Dataset data = loaded.dataset();
        assertThat(data.featureNames()).containsExactly("sector=metal", "sector=wood", "sector=__other__", "x");
        assertThat(new float[]{data.value(0, 0), data.value(0, 1), data.value(0, 2)}).containsExactly(1f, 0f, 0f);
        assertThat(new float[]{data.value(5, 0), data.value(5, 1), data.value(5, 2)}).containsExactly(0f, 0f, 1f);
        assertThat(new float[]{data.value(6, 0), data.value(6, 1), data.value(6, 2)}).containsExactly(0f, 0f, 1f);
        assertThat(data.value(7, 0)).as("a missing category is missing in every indicator").isNaN();
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("4 categories").contains("__other__"));
    }

    @Test
    void unknownCategoriesAtScoringTimeAreRefusedByColumnAndValue() {
        RowEncoder encoder = CsvDatasetLoader.load("""
                sector,x,default
                metal,1,0
                metal,2,1
                wood,4,0
                glass,6,1
                """, "default", 2).encoder();
        // Kept: metal (2 rows), then glass before wood (1 row each, ties by name); wood was seen, so → __other__.
        assertThat(encoder.featureNames()).containsExactly("sector=metal", "sector=glass", "sector=__other__", "x");
        assertThat(encoder.encode(Map.of("sector", "glass", "x", "3"))).containsExactly(0, 1, 0, 3);
        assertThat(encoder.encode(Map.of("sector", "wood", "x", "3"))).containsExactly(0, 0, 1, 3);
        assertThat(encoder.encode(Map.of("x", "3"))[0]).isNaN();
        assertThatThrownBy(() -> encoder.encode(Map.of("sector", "plastic", "x", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sector'").hasMessageContaining("'plastic'").hasMessageContaining("never saw")
                .hasMessageContaining("[glass, metal, wood]");
        assertThatThrownBy(() -> encoder.encode(Map.of("colour", "red")))
                .hasMessageContaining("Unknown columns: [colour]");
        assertThatThrownBy(() -> encoder.encode(Map.of("x", "lots")))
                .hasMessageContaining("'x' is numeric").hasMessageContaining("'lots'");
    }

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksAreRead() {
        Dataset data = CsvDatasetLoader.load("name,x,default\r\n\"a, \"\"b\"\"\",1,0\r\n\"c\nd\",2,1\r\n", "default", 20)
                .dataset();
        assertThat(data.featureNames()).containsExactly("name=a, \"b\"", "name=c\nd", "x");
    }

    @Test
    void raggedRowsNameTheLine() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\n2\n", "default", 20))
                .hasMessageContaining("line 3 has 1 fields, the header 2");
    }

    @Test
    void javaNumberLiteralsAreTextNotNumbers() {
        // Double.parseDouble reads 12d and 12f as 12 and the hex float 0x1p3 as 8; nobody writes them in a CSV meaning
        // numbers, so a column holding them is not numeric (here it is mostly text, hence categorical).
        Dataset data = CsvDatasetLoader.load("x,default\n12d,0\n12f,1\n0x1p3,0\n7,1\n", "default", 20).dataset();
        assertThat(data.featureNames()).containsExactly("x=0x1p3", "x=12d", "x=12f", "x=7");

        RowEncoder encoder = CsvDatasetLoader.load("x,default\n1,0\n2,1\n", "default", 20).encoder();
        for (String javaOnly : new String[]{"12d", "12f", "12D", "0x1p3", "0x10", "1_000", "1e", "."}) {
            assertThatThrownBy(() -> encoder.encode(Map.of("x", javaOnly))).as(javaOnly)
                    .hasMessageContaining("'x' is numeric").hasMessageContaining("'" + javaOnly + "' is not a number");
        }
        assertThatThrownBy(() -> encoder.encode(Map.of("x", "-Inf"))).hasMessageContaining("non-finite value '-Inf'");
        // Plain decimals: sign, digits, fraction, exponent; spaces around the value are ignored.
        assertThat(encoder.encode(Map.of("x", " 12 "))).containsExactly(12);
        assertThat(encoder.encode(Map.of("x", "+1.5e2"))).containsExactly(150);
        assertThat(encoder.encode(Map.of("x", "-.5"))).containsExactly(-0.5);
        assertThat(encoder.encode(Map.of("x", "3."))).containsExactly(3);
        assertThat(encoder.encode(Map.of("x", "2E-1"))).containsExactly(0.2);
    }

    @Test
    void labelsAreExactly0Or1() {
        Dataset data = CsvDatasetLoader.load("x,default\n1,0\n2,1\n3,0.0\n4,1.00\n5, 1 \n", "default", 20).dataset();
        assertThat(data.labels()).containsExactly(0f, 1f, 0f, 1f, 1f);
        // Each of these is numerically 0 or 1 (Double.parseDouble), but not how anyone writes a 0/1 label.
        for (String notALabel : new String[]{"01", "-0", "+1", "1e0", "1.", ".0", "1d", "0x1"}) {
            assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\n2," + notALabel + "\n", "default", 20))
                    .as(notALabel).hasMessageContaining("line 3").hasMessageContaining("must be 0 or 1")
                    .hasMessageContaining("found '" + notALabel + "'");
        }
    }

    /** A header {@code amount,default} and one row per cell, labels alternating; row i is on line i + 2. */
    private static String amounts(String... cells) {
        StringBuilder csv = new StringBuilder("amount,default\n");
        for (int i = 0; i < cells.length; i++) {
            csv.append(cells[i]).append(',').append(i % 2).append('\n');
        }
        return csv.toString();
    }

    private static String[] numbersWith(int count, Map<Integer, String> strayCells) {
        String[] cells = new String[count];
        for (int i = 0; i < count; i++) {
            cells[i] = strayCells.getOrDefault(i, String.valueOf(1000 + 37 * i));
        }
        return cells;
    }

    @Test
    void aStrayCellInAColumnOfNumbersIsRefusedNamingLineAndValue() {
        // It used to make the column categorical without a word (hundreds of amounts as categories, 20 kept).
        String csv = amounts(numbersWith(40, Map.of(5, "\"1,234\"", 12, "-", 30, "Inf")));
        assertThatThrownBy(() -> CsvDatasetLoader.load(csv, "default", 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'amount' is mostly numbers, but 3 of its 40 non-empty cells are not")
                .hasMessageContaining("line 7 '1,234', line 14 '-', line 32 'Inf'.")
                .hasMessageContaining("thousands separators").hasMessageContaining("leave it empty for a missing value")
                .hasMessageContaining("--categorical amount");
        // Missing cells do not count: 9 numbers and one stray cell among 9 empty ones is still a column of numbers.
        String[] sparse = numbersWith(19, Map.of(3, "n.a."));
        for (int i = 10; i < 19; i++) {
            sparse[i] = "";
        }
        assertThatThrownBy(() -> CsvDatasetLoader.load(amounts(sparse), "default", 20))
                .hasMessageContaining("1 of its 10 non-empty cells is not a finite number: line 5 'n.a.'.");
    }

    @Test
    void aRefusalListsTheFirstFiveBadCells() {
        String csv = amounts(numbersWith(60, Map.of(1, "a", 2, "b", 3, "c", 4, "d", 5, "e", 59, "f")));
        assertThatThrownBy(() -> CsvDatasetLoader.load(csv, "default", 20))
                .hasMessageContaining("6 of its 60 non-empty cells")
                .hasMessageContaining("line 3 'a', line 4 'b', line 5 'c', line 6 'd', line 7 'e', …")
                .hasMessageNotContaining("'f'");
    }

    @Test
    void aColumnOfAtLeastHalfNumbersIsRefusedAndOneOfLessIsText() {
        // 90 %, 80 % and 50 % numbers: refused (at 85 % amounts used to become 789 categories with only a note).
        assertThatThrownBy(() -> CsvDatasetLoader.load(amounts(numbersWith(10, Map.of(9, "-"))), "default", 20))
                .hasMessageContaining("1 of its 10 non-empty cells");
        assertThatThrownBy(() -> CsvDatasetLoader.load(amounts(numbersWith(10, Map.of(2, "-", 7, "-"))), "default", 20))
                .hasMessageContaining("2 of its 10 non-empty cells are not finite numbers: line 4 '-', line 9 '-'");
        assertThatThrownBy(() -> CsvDatasetLoader.load(amounts(numbersWith(10,
                Map.of(0, "a", 1, "b", 2, "c", 3, "d", 4, "e"))), "default", 20))
                .hasMessageContaining("5 of its 10 non-empty cells");
        // 40 % numbers: text, one-hot encoded.
        CsvDatasetLoader.Loaded loaded = CsvDatasetLoader.load(amounts(numbersWith(10,
                Map.of(0, "a", 1, "b", 2, "c", 3, "d", 4, "e", 5, "f"))), "default", 20);
        assertThat(loaded.dataset().featureNames()).contains("amount=a").doesNotContain("amount");
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("one-hot encoded column 'amount'"));
        // A text column with a few numbers in it is text, with no such remark.
        CsvDatasetLoader.Loaded text = CsvDatasetLoader.load(amounts("metal", "wood", "glass", "7", "metal", "wood"),
                "default", 20);
        assertThat(text.dataset().featureNames()).contains("amount=metal", "amount=7");
        assertThat(text.notes()).singleElement().asString().contains("4 categories").doesNotContain("numbers");
    }

    @Test
    void codesThatLookLikeNumbersAreEncodedWhenDeclaredCategorical() {
        String codes = amounts("10", "20", "10", "20", "10", "20", "10", "20", "30", "A1").replace("amount", "code");
        assertThatThrownBy(() -> CsvDatasetLoader.load(codes, "default", 20))
                .hasMessageContaining("'code' is mostly numbers").hasMessageContaining("line 11 'A1'")
                .hasMessageContaining("if 'code' holds codes rather than quantities, declare it categorical"
                        + " (--categorical code)");
        CsvDatasetLoader.Loaded loaded = CsvDatasetLoader.load(codes, "default", 20, Set.of("code"));
        assertThat(loaded.dataset().featureNames()).containsExactly("code=10", "code=20", "code=30", "code=A1");
        assertThat(loaded.notes()).singleElement().asString()
                .contains("one-hot encoded column 'code' (declared categorical): 4 categories");
        // A purely numeric column can be declared categorical too; then 10 and 10.0 are different codes.
        Dataset numbers = CsvDatasetLoader.load("code,x,default\n10,1,0\n10.0,2,1\n20,3,0\n", "default", 20,
                Set.of("code")).dataset();
        assertThat(numbers.featureNames()).containsExactly("code=10", "code=10.0", "code=20", "x");

        assertThatThrownBy(() -> CsvDatasetLoader.load(codes, "default", 20, Set.of("kode")))
                .hasMessageContaining("no column 'kode' to read as categorical").hasMessageContaining("[code, default]");
        assertThatThrownBy(() -> CsvDatasetLoader.load(codes, "default", 20, Set.of("default")))
                .hasMessageContaining("'default' is the label column");
    }

    @Test
    void infiniteNumbersAreRefused() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\nInfinity,1\n", "default", 20))
                .hasMessageContaining("line 3").hasMessageContaining("'x'").hasMessageContaining("not a finite number");
        // Spreadsheets and pandas write Inf; a decimal beyond a float's range is infinite too: rows are float32.
        for (String infinite : new String[]{"Inf", "-inf", "1e400", "1e39", "-3.5e38"}) {
            assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\n" + infinite + ",1\n", "default", 20))
                    .as(infinite).hasMessageContaining("line 3").hasMessageContaining("'" + infinite + "'")
                    .hasMessageContaining("not a finite number");
        }
    }
}
