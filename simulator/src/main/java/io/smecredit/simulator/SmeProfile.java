package io.smecredit.simulator;

import java.util.List;

/**
 * One simulated SME. {@code health} in [0, 1] is its latent financial health: healthy firms keep machines
 * busy with few breakdowns and rejects, struggling firms idle, break down and scrap more.
 */
public record SmeProfile(String smeId, double health, List<String> machineIds) {

    /** Demo SMEs sme-001 … sme-NNN, spread from healthy to distressed so their scores differ visibly. */
    public static List<SmeProfile> demo(int count, int machinesPerSme) {
        List<String> machines = java.util.stream.IntStream.rangeClosed(1, machinesPerSme).mapToObj(i -> "m-" + i).toList();
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new SmeProfile(
                        "sme-%03d".formatted(i + 1),
                        count == 1 ? 0.8 : 0.9 - 0.6 * i / (count - 1),
                        machines))
                .toList();
    }
}
