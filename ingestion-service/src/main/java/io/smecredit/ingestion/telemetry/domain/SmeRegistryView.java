package io.smecredit.ingestion.telemetry.domain;

/** What validation needs to know about the SME registry; implemented by the registry's in-memory snapshot. */
public interface SmeRegistryView {

    boolean isKnownSme(String smeId);

    boolean isKnownMachine(String smeId, String machineId);
}
