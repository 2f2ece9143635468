package io.smecredit.simulator;

import io.smecredit.simulator.bench.IntakeBenchmark;
import io.smecredit.simulator.history.HistoryCommand;
import io.smecredit.simulator.live.LiveCommand;

import java.util.Arrays;

/**
 * The factory simulator's command line, run by {@code ./platform simulate ...}:
 * {@code live} streams telemetry now, {@code history} backfills days and writes outcome labels,
 * {@code bench-intake} is the load driver of benchmarks/ingestion-throughput.sh. Options: docs/simulator.md.
 */
public final class Simulator {

    private Simulator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.err.println("usage: simulator live|history|bench-intake [--option value ...]   (see docs/simulator.md)");
            System.exit(args.length == 0 ? 2 : 0);
        }
        Options options;
        try {
            options = new Options(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try {
            status = switch (args[0]) {
                case "live" -> LiveCommand.run(options);
                case "history" -> HistoryCommand.run(options);
                case "bench-intake" -> IntakeBenchmark.run(options);
                default -> {
                    System.err.println("unknown command '" + args[0] + "': expected live, history or bench-intake");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            status = 2;
        } catch (java.net.ConnectException e) {
            System.err.println("simulator: cannot reach the platform (" + e + "); is it running? (./platform status)");
            status = 1;
        } catch (IllegalStateException e) {
            System.err.println("simulator: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }
}
