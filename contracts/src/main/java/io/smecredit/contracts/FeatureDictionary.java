package io.smecredit.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.smecredit.contracts.RiskDirection.HIGHER_IS_RISKIER;
import static io.smecredit.contracts.RiskDirection.LOWER_IS_RISKIER;

/**
 * The feature dictionary of feature schema {@link #SCHEMA_VERSION}: every feature the ingestion feature engine
 * publishes, in a fixed order. The scoring service takes monotone constraints and reason texts from here, the
 * loan service its feature summaries; docs/features.md is the human-readable copy.
 *
 * <p>Windows are of event time, in calendar days (UTC): the 1-day window is the day of the vector's {@code asOf} so
 * far, a 7-, 30- or 90-day window the complete days before it; "daily" means per calendar day within the window.
 * Cohort features compare an SME with the other SMEs of its industry × region, when there are at least
 * {@link #MIN_COHORT_MEMBERS} of them.
 */
public final class FeatureDictionary {

    /**
     * Changes whenever a feature is added, removed or redefined, so models refuse vectors they were not trained on.
     * 2: the 53 features below; 3: {@code downtime_events_per_day_*} count machine-hours with down time instead of
     * events, which depended on how often a gateway reports; 4: cohort features only for cohorts of at least
     * {@link #MIN_COHORT_MEMBERS} SMEs (a lone member used to get the percentile 0.5); 5: the 7-, 30- and 90-day
     * windows are the complete UTC days before the day of asOf (they used to end with that unfinished day, so per-day
     * output, trend, volatility, downtime per day, gaps and coverage swung at every midnight).
     */
    public static final int SCHEMA_VERSION = 5;

    /**
     * Fewest SMEs with a value for a feature that its cohort comparison is computed over. Below that a percentile says
     * little about the market, and it would tell a bank that sees one member how the few others it has no consent
     * for are doing (in a cohort of two, exactly whether the other is better or worse).
     */
    public static final int MIN_COHORT_MEMBERS = 5;

    /** Suffix of a feature expressed as the SME's percentile (0–1) within its industry × region cohort. */
    public static final String COHORT_PERCENTILE_SUFFIX = "_cohort_pct";
    /** Suffix of a feature expressed as a z-score against its cohort. */
    public static final String COHORT_Z_SUFFIX = "_cohort_z";

    private static final Map<String, FeatureDefinition> BY_NAME;
    private static final Map<String, String> REASON_GROUP;

    static {
        List<FeatureDefinition> all = new ArrayList<>();
        for (int w : new int[]{1, 7, 30, 90}) {
            all.add(windowed("utilisation", w, "run / (run + idle + down) seconds", "share", LOWER_IS_RISKIER,
                    "Machine utilisation over the last %s is low", "近%s设备利用率偏低", 0.2, 0.9));
            all.add(windowed("availability", w, "(run + idle) / (run + idle + down) seconds", "share", LOWER_IS_RISKIER,
                    "Machines were unavailable (down) for much of the last %s", "近%s设备停机时间占比高", 0.6, 1.0));
            all.add(windowed("quality_rate", w, "1 - rejected / produced units", "share", LOWER_IS_RISKIER,
                    "High share of rejected output over the last %s", "近%s不良品率偏高", 0.85, 1.0));
        }
        for (int w : new int[]{7, 30, 90}) {
            all.add(windowed("output_units_per_day", w, "mean daily units produced", "units/day", LOWER_IS_RISKIER,
                    "Low production output over the last %s", "近%s产量偏低", 50, 20_000));
            all.add(windowed("output_trend", w, "least-squares slope of daily units, divided by the mean daily units",
                    "1/day", LOWER_IS_RISKIER,
                    "Production output has been falling over the last %s", "近%s产量呈下降趋势", -0.05, 0.05));
            all.add(windowed("output_volatility", w, "coefficient of variation (stddev / mean) of daily units",
                    "ratio", HIGHER_IS_RISKIER,
                    "Output has been volatile over the last %s", "近%s产量波动较大", 0.05, 1.5));
            all.add(windowed("energy_kwh_per_good_unit", w, "energy / (produced - rejected) units", "kWh/unit",
                    HIGHER_IS_RISKIER,
                    "High energy use per good unit over the last %s", "近%s单位合格品能耗偏高", 0.01, 5));
            // The name says "events" for the contract's sake (models, reasons, translations use it); since schema 3
            // it counts machine-hours, so a gateway reporting every 5 seconds and an hourly one read the same.
            all.add(windowed("downtime_events_per_day", w, "machine-hours with any down time (a machine's UTC clock"
                            + " hour counts once, however many events report it), per day with data",
                    "machine-hours/day", HIGHER_IS_RISKIER,
                    "Frequent machine breakdowns over the last %s", "近%s设备故障频繁", 0, 12));
            all.add(windowed("downtime_hours_per_day", w, "down hours per day with data", "hours/day",
                    HIGHER_IS_RISKIER,
                    "Long machine downtime over the last %s", "近%s设备停机时间较长", 0, 12));
            all.add(windowed("active_machines", w, "distinct machines that reported any run time", "machines",
                    LOWER_IS_RISKIER,
                    "Few machines were active over the last %s", "近%s在用设备较少", 1, 50));
            all.add(windowed("data_coverage", w, "share of days in the window with any telemetry", "share",
                    LOWER_IS_RISKIER,
                    "Telemetry was missing for much of the last %s", "近%s数据缺失较多", 0, 1));
        }
        for (int w : new int[]{30, 90}) {
            all.add(windowed("longest_gap_days", w, "longest run of consecutive days without output", "days",
                    HIGHER_IS_RISKIER,
                    "Production stopped for a long stretch in the last %s", "近%s出现较长时间停产", 0, 30));
        }
        all.add(new FeatureDefinition("energy_intensity_drift", "energy_kwh_per_good_unit_7d / energy_kwh_per_good_unit_90d - 1",
                "ratio", null, HIGHER_IS_RISKIER,
                "Energy use per good unit is rising", "单位合格品能耗正在上升", -0.3, 0.5));
        all.add(new FeatureDefinition("active_machines_change", "active_machines_7d - active_machines_90d",
                "machines", null, LOWER_IS_RISKIER,
                "Fewer machines are running than before", "在用设备数量减少", -5, 2));
        all.add(new FeatureDefinition("days_since_output", "days from the last day with output to asOf", "days",
                null, HIGHER_IS_RISKIER,
                "No production output for several days", "已连续多日无产出", 0, 30));
        for (String base : List.of("utilisation_30d", "quality_rate_30d", "output_trend_30d", "output_volatility_30d",
                "energy_kwh_per_good_unit_30d", "downtime_hours_per_day_30d")) {
            FeatureDefinition of = all.stream().filter(d -> d.name().equals(base)).findFirst().orElseThrow();
            // A comparison's definition carries every wording it can take; reason() picks the one its value has.
            ReasonText percentile = PeerComparisonWording.template(of, true);
            ReasonText zScore = PeerComparisonWording.template(of, false);
            all.add(new FeatureDefinition(base + COHORT_PERCENTILE_SUFFIX,
                    "percentile of " + base + " within the SME's industry × region cohort", "percentile 0-1", 30,
                    of.riskierWhen(), percentile.en(), percentile.zh(), 0, 1));
            all.add(new FeatureDefinition(base + COHORT_Z_SUFFIX,
                    "(" + base + " - cohort mean) / cohort stddev", "z-score", 30,
                    of.riskierWhen(), zScore.en(), zScore.zh(), -3, 3));
        }
        Map<String, FeatureDefinition> byName = new LinkedHashMap<>();
        all.forEach(d -> {
            if (byName.put(d.name(), d) != null) {
                throw new IllegalStateException("Duplicate feature " + d.name());
            }
        });
        BY_NAME = Collections.unmodifiableMap(byName);
        Map<String, String> groups = new LinkedHashMap<>();
        byName.values().forEach(d -> groups.put(d.name(), groupOf(d)));
        REASON_GROUP = Collections.unmodifiableMap(groups);
    }

    private FeatureDictionary() {
    }

    /** All features in their canonical order (the column order models are trained in). */
    public static List<FeatureDefinition> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static Optional<FeatureDefinition> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * What a principal reason about this feature is about, so that a credit report does not spend two of its four
     * reasons on one thing: the same measure over different windows ({@code active_machines_7d} and
     * {@code active_machines_90d}: "few machines were active") is one group, and so is one peer comparison given as a
     * percentile and as a z-score. The SME's own level and its comparison with peers are different reasons, as are
     * a level and its change ({@code active_machines_change}). A feature outside the dictionary is its own group.
     */
    public static String reasonGroup(String name) {
        return REASON_GROUP.getOrDefault(name, name);
    }

    private static String groupOf(FeatureDefinition feature) {
        String name = feature.name();
        for (String cohort : List.of(COHORT_PERCENTILE_SUFFIX, COHORT_Z_SUFFIX)) {
            if (name.endsWith(cohort)) {
                return name.substring(0, name.length() - cohort.length()) + "_vs_peers";
            }
        }
        String window = feature.windowDays() == null ? null : "_" + feature.windowDays() + "d";
        return window != null && name.endsWith(window) ? name.substring(0, name.length() - window.length()) : name;
    }

    /** The name of a base feature over a window, e.g. {@code name("output_volatility", 30)} → "output_volatility_30d". */
    public static String name(String base, int windowDays) {
        return base + "_" + windowDays + "d";
    }

    private static FeatureDefinition windowed(String base, int days, String meaning, String unit, RiskDirection riskier,
                                              String reasonEn, String reasonZh, double low, double high) {
        String en = days == 1 ? "day" : days + " days";
        String zh = days + "天";
        return new FeatureDefinition(name(base, days), meaning + ", over the last " + en, unit, days, riskier,
                reasonEn.formatted(en), reasonZh.formatted(zh), low, high);
    }

    /**
     * The words of a principal reason about this feature at this value, never saying what the value contradicts. An
     * own measure states the risk of its definition with the value where the value is plainly on the risky side
     * ("Machine utilisation over the last 30 days is low (machine utilisation 15%)"), and otherwise names the measure
     * and its value (see {@link OwnMeasureWording}), because "Production output has been falling" was read beside a trend of +0.02. A
     * peer comparison says where the value puts the SME ("Output volatility over the last 30 days: close to the
     * average of peers in the same industry and region", see {@link PeerComparisonWording}), because a fixed
     * "volatile, far from the norm of peers" was read beside a z-score of -0.08. Empty for a feature outside the
     * dictionary, a missing value (say it is missing instead), an infinite one and a percentile outside 0–1.
     */
    public static Optional<ReasonText> reason(String name, double value) {
        FeatureDefinition feature = BY_NAME.get(name);
        if (feature == null || !Double.isFinite(value)) {
            return Optional.empty();
        }
        if (name.endsWith(COHORT_Z_SUFFIX)) {
            return Optional.of(PeerComparisonWording.ofZScore(cohortBase(name, COHORT_Z_SUFFIX), value));
        }
        if (name.endsWith(COHORT_PERCENTILE_SUFFIX)) {
            return PeerComparisonWording.ofPercentile(cohortBase(name, COHORT_PERCENTILE_SUFFIX), value);
        }
        return Optional.of(OwnMeasureWording.of(feature, value));
    }

    private static FeatureDefinition cohortBase(String name, String suffix) {
        return BY_NAME.get(name.substring(0, name.length() - suffix.length()));
    }

}
