package io.smecredit.model.cli;

import io.smecredit.model.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr, so stdout stays clean for results. On a terminal one line is redrawn in place, no wider than the
 * terminal (a wider one wraps, and every redraw then leaves a line behind); into a file or pipe, where a carriage
 * return does not go back, a line is written when the stage changes or another 10 % is done. The platform script
 * says which ({@code -Dprogress.style=terminal|lines}, {@code -Dprogress.columns=N}); Java cannot tell for stderr alone.
 */
final class ProgressBar implements ProgressListener {

    private final PrintStream out;
    private final boolean terminal;
    private final int columns;
    private final long started = System.nanoTime();
    private int lastPermille = -1;
    private String lastStage = "";
    private boolean drawn;

    ProgressBar(PrintStream out) {
        this(out, !"lines".equals(System.getProperty("progress.style", "terminal")),
                Integer.getInteger("progress.columns", 80));
    }

    ProgressBar(PrintStream out, boolean terminal, int columns) {
        this.out = out;
        this.terminal = terminal;
        this.columns = Math.max(20, columns);
    }

    @Override
    public synchronized void onProgress(String stage, int done, int total) {
        int permille = total <= 0 ? 1000 : (int) Math.min(1000, Math.max(0, done * 1000L / total));
        boolean sameStage = stage.equals(lastStage);
        int step = terminal ? 5 : 100;
        if (sameStage && permille / step == lastPermille / step) {
            return;
        }
        lastPermille = permille;
        lastStage = stage;
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!terminal) {
            out.printf(Locale.ROOT, "[%5.1f%%] %5.0fs  %s%n", permille / 10.0, seconds, stage);
            out.flush();
            return;
        }
        // "[bar] 100.0%  1234s  " is the bar plus 19 characters; the stage gets what is left of the line. Below 50
        // columns there is no room for a bar worth reading: percentage, time and as much of the stage as fits.
        int width = columns < 50 ? 0 : Math.min(30, Math.max(10, columns - 19 - 40));
        String bar = width == 0 ? "" : "[" + "#".repeat(permille * width / 1000)
                + ".".repeat(width - permille * width / 1000) + "] ";
        String figures = String.format(Locale.ROOT, "%5.1f%% %5.0fs  ", permille / 10.0, seconds);
        int stageWidth = Math.max(1, columns - 1 - bar.length() - figures.length());
        String text = stage.length() > stageWidth ? stage.substring(0, stageWidth - 1) + "…" : stage;
        out.print("\r" + bar + figures + String.format(Locale.ROOT, "%-" + stageWidth + "s", text));
        out.flush();
        drawn = true;
    }

    synchronized void finish() {
        if (drawn) {
            out.println();
        }
        out.flush();
    }
}
