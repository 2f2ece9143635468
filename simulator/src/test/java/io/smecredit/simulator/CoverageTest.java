package io.smecredit.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {

    private static final Instant NOW = Instant.parse("2026-12-05T17:20:00Z");

    @Test
    void aFirstStartSeedsTheWholeHistory(@TempDir Path dir) {
        Coverage coverage = new Coverage(dir.resolve("covered-until"));

        assertThat(coverage.historyStart(NOW, 90)).isEqualTo(Instant.parse("2026-09-06T17:00:00Z"));
    }

    @Test
    void aRestartSeedsOnlyAfterWhatIsAlreadyCoveredAndRemembersItAcrossInstances(@TempDir Path dir) {
        Path file = dir.resolve("covered-until");
        new Coverage(file).coveredUntil(Instant.parse("2026-12-01T08:45:05Z"));

        assertThat(new Coverage(file).historyStart(NOW, 90)).isEqualTo(Instant.parse("2026-12-01T08:45:05Z"));
        // Coverage older than the history window does not stretch the window.
        new Coverage(file).coveredUntil(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(new Coverage(file).historyStart(NOW, 90)).isEqualTo(Instant.parse("2026-09-06T17:00:00Z"));
    }

    @Test
    void anUnreadableFileIsTreatedAsNoCoverage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("covered-until");
        Files.writeString(file, "2026-12-0");

        assertThat(new Coverage(file).coveredUntil()).isNull();
        assertThat(new Coverage(null).historyStart(NOW, 1)).isEqualTo(Instant.parse("2026-12-04T17:00:00Z"));
    }
}
