package io.smecredit.ingestion.registry.domain;

import java.util.List;

/** An SME with the machines that may report for it, in id order. */
public record RegisteredSme(Sme sme, List<String> machineIds) {
}
