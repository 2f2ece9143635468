package io.smecredit.model.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void onATerminalEveryRedrawFitsTheLineSoNothingWraps() {
        for (int columns : new int[]{80, 60, 30}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, columns);
            for (int done = 0; done <= 1000; done += 50) {
                bar.onProgress("fold 3/5: search depth 6, min child weight 10 with a long stage name", done, 1000);
            }
            bar.finish();
            String[] redraws = bytes.toString(StandardCharsets.UTF_8).split("\r");
            assertThat(redraws).hasSizeGreaterThan(10);
            for (String redraw : redraws) {
                assertThat(redraw.replace("\n", "").length()).as("%d columns: %s", columns, redraw).isLessThan(columns);
            }
            assertThat(redraws[redraws.length - 1]).contains("100.0%").contains("fold").endsWith("\n");
        }
    }

    @Test
    void intoAFileItWritesWholeLinesAtStageChangesAndEveryTenthNoCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 80);
        for (int done = 0; done <= 1000; done += 5) {
            bar.onProgress(done < 500 ? "fold 1/2: boosting" : "fold 2/2: boosting", done, 1000);
        }
        bar.finish();
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("\r");
        String[] lines = written.split("\n");
        // 0 %, 10 % … 100 %, and the stage change at 50 % (a tenth boundary too): eleven lines, not two hundred.
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).startsWith("[  0.0%]").endsWith("fold 1/2: boosting");
        assertThat(lines[5]).startsWith("[ 50.0%]").endsWith("fold 2/2: boosting");
    }
}
