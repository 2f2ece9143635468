package io.smecredit.model.csv;

import io.smecredit.model.Dataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

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

    @Test
    void infiniteNumbersAreRefused() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\nInfinity,1\n", "default", 20))
                .hasMessageContaining("line 3").hasMessageContaining("'x'").hasMessageContaining("not a finite number");
        // Spreadsheets and pandas write Inf; a decimal beyond a double's range is infinite too.
        for (String infinite : new String[]{"Inf", "-inf", "1e400"}) {
            assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\n" + infinite + ",1\n", "default", 20))
                    .as(infinite).hasMessageContaining("line 3").hasMessageContaining("'" + infinite + "'")
                    .hasMessageContaining("not a finite number");
        }
    }
}
