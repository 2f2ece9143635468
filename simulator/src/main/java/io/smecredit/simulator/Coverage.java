package io.smecredit.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Up to when the demo feed's telemetry covers time, kept in a file across restarts. The platform counts an event id
 * once, but a seeded hour and the live five-second events of that same hour have different ids: both would count. So
 * a restarted feed seeds only the hours after what it already covered. Without a file, nothing is remembered.
 */
final class Coverage {

    private final Path file;

    Coverage(Path file) {
        this.file = file;
    }

    /** Where seeding starts: {@code days} before the current hour, or later if telemetry already covers that time. */
    Instant historyStart(Instant now, int days) {
        Instant start = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24L * days));
        Instant covered = coveredUntil();
        return covered != null && covered.isAfter(start) ? covered : start;
    }

    /** The recorded instant, or null when there is none (first start, no file, or an unreadable one). */
    Instant coveredUntil() {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Instant.parse(Files.readString(file).trim());
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    void coveredUntil(Instant instant) {
        if (file == null) {
            return;
        }
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, instant.toString());
            // A feed killed mid-write must not leave a truncated file behind.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the demo feed's coverage in " + file, e);
        }
    }
}
