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

    /**
     * {@code count} peers of a demo SME, so that its cohort is big enough for peer comparisons: the peers of sme-NNN
     * are sme-9NNP (P = 1 … count; sme-001's are sme-9011, sme-9012, …), with its machine ids and healths spread from
     * distressed to healthy.
     */
    public List<SmeProfile> peers(int count) {
        if (count < 0 || count > 9) {
            throw new IllegalArgumentException("peers per demo SME must be 0 to 9, got " + count);
        }
        int number = Integer.parseInt(smeId.substring("sme-".length()));
        if (number > 99) {
            throw new IllegalArgumentException("demo peers are numbered for sme-001 … sme-099, not " + smeId);
        }
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(p -> new SmeProfile("sme-9%02d%d".formatted(number, p), 0.3 + 0.6 * p / (count + 1), machineIds))
                .toList();
    }
}
