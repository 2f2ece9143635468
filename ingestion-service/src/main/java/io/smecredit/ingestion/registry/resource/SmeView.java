package io.smecredit.ingestion.registry.resource;

import java.util.List;

/** An SME as registered. */
public record SmeView(String smeId, String name, String industry, String region, List<String> machines) {
}
