package io.smecredit.ingestion.registry.domain;

import io.smecredit.ingestion.telemetry.domain.SmeRegistryView;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** An immutable copy of the registry that validation can consult for every event without a database round trip. */
public final class RegistrySnapshot implements SmeRegistryView {

    private final Map<String, Set<String>> machinesBySme;

    private RegistrySnapshot(Map<String, Set<String>> machinesBySme) {
        this.machinesBySme = machinesBySme;
    }

    public static RegistrySnapshot of(Collection<String> smeIds, Collection<Machine> machines) {
        Map<String, Set<String>> bySme = new HashMap<>();
        smeIds.forEach(smeId -> bySme.put(smeId, new HashSet<>()));
        machines.forEach(machine -> bySme.computeIfAbsent(machine.smeId(), id -> new HashSet<>()).add(machine.machineId()));
        Map<String, Set<String>> frozen = new HashMap<>();
        bySme.forEach((smeId, ids) -> frozen.put(smeId, Set.copyOf(ids)));
        return new RegistrySnapshot(Map.copyOf(frozen));
    }

    @Override
    public boolean isKnownSme(String smeId) {
        return machinesBySme.containsKey(smeId);
    }

    @Override
    public boolean isKnownMachine(String smeId, String machineId) {
        return machinesBySme.getOrDefault(smeId, Set.of()).contains(machineId);
    }
}
