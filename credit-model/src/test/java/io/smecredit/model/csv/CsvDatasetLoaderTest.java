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
    void infiniteNumbersAreRefused() {
        assertThatThrownBy(() -> CsvDatasetLoader.load("x,default\n1,0\nInfinity,1\n", "default", 20))
                .hasMessageContaining("line 3").hasMessageContaining("'x'").hasMessageContaining("not a finite number");
    }
}
