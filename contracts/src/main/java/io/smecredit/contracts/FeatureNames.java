package io.smecredit.contracts;

import java.util.List;

/**
 * Names of the features in a {@link FeatureVector} of schema version {@link #SCHEMA_VERSION}.
 * Meaning, unit and risk direction of each are documented in docs/events.md.
 */
public final class FeatureNames {

    public static final int SCHEMA_VERSION = 1;

    /** run / (run + idle + down) seconds, 0..1; lower is riskier. */
    public static final String UTILISATION = "utilisation";
    /** (run + idle) / (run + idle + down) seconds, 0..1; lower is riskier. */
    public static final String AVAILABILITY = "availability";
    /** 1 - rejected / produced units, 0..1; lower is riskier. */
    public static final String QUALITY_RATE = "quality_rate";
    /** kWh per good (non-rejected) unit; higher is riskier. Absent when no good unit was produced. */
    public static final String ENERGY_KWH_PER_GOOD_UNIT = "energy_kwh_per_good_unit";
    /** Number of distinct machines that reported; lower is riskier. */
    public static final String ACTIVE_MACHINES = "active_machines";

    public static final List<String> ALL =
            List.of(UTILISATION, AVAILABILITY, QUALITY_RATE, ENERGY_KWH_PER_GOOD_UNIT, ACTIVE_MACHINES);

    private FeatureNames() {
    }
}
