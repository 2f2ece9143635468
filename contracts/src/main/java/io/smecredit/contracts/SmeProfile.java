package io.smecredit.contracts;

/**
 * An SME as registered, published on {@link Topics#SME_REGISTRY} whenever it is registered or changed. The feature
 * engine places every SME in its {@code industry} × {@code region} peer cohort from these records.
 */
public record SmeProfile(String smeId, String name, String industry, String region) {

    /** The peer cohort key, e.g. "metal-fabrication|north". */
    public String cohort() {
        return industry + "|" + region;
    }
}
