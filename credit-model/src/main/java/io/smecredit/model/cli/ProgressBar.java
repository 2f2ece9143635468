package io.smecredit.model.cli;

import io.smecredit.model.ProgressListener;

import java.io.PrintStream;

/** A one-line progress bar redrawn in place on a terminal stream (stderr), so stdout stays clean for results. */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private int lastPermille = -1;
    private String lastStage = "";

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void onProgress(String stage, int done, int total) {
        int permille = total <= 0 ? 1000 : (int) Math.min(1000, Math.max(0, done * 1000L / total));
        if (permille / 5 == lastPermille / 5 && stage.equals(lastStage)) {
            return;
        }
        lastPermille = permille;
        lastStage = stage;
        int filled = permille * WIDTH / 1000;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format("\r[%s] %5.1f%% %5.0fs  %-48.48s", bar, permille / 10.0,
                (System.nanoTime() - started) / 1e9, stage);
        out.print(line);
        out.flush();
    }

    synchronized void finish() {
        out.println();
        out.flush();
    }
}
