package io.smecredit.simulator.model;

import java.util.List;

/**
 * The fixed description of a simulated SME: what the registry knows (name, industry, region, machines) and
 * the traits that shape its operations. {@code longRunHealth} is the level its latent financial health reverts
 * to; {@code summerShutdown} firms close for the first two weeks of August.
 */
public record SmeSpec(String smeId, String name, Industry industry, Region region, int shifts,
                      boolean worksSaturdays, boolean summerShutdown, double longRunHealth,
                      List<MachineSpec> machines) {

    public List<String> machineIds() {
        return machines.stream().map(MachineSpec::machineId).toList();
    }
}
