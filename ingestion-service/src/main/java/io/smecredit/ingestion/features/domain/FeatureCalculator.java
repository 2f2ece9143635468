package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.FeatureDictionary;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.smecredit.contracts.FeatureDictionary.name;

/**
 * The per-SME features of {@link FeatureDictionary} (schema {@value FeatureDictionary#SCHEMA_VERSION}), except the
 * cohort ones, from an SME's day buckets. The 1-day window is the day of {@code asOf} so far; every longer window is
 * the N complete calendar days (UTC) before the day of {@code asOf}. A window that included the unfinished current
 * day would read a few minutes after midnight as a day of almost no output: per-day output, trend and volatility
 * would swing at every midnight and an SME's grade with them, so the price offered would depend on the hour a bank
 * applies. Ratios over the current day are not biased that way, which is why the 1-day window stays live.
 * "Per day" means per day with data in the window. A feature whose denominator is zero is left out rather than
 * reported as 0 or NaN: "no data" must not look like "worst possible" to a credit model, and NaN is not valid JSON.
 */
public final class FeatureCalculator {

    public static final int[] RATIO_WINDOWS = {1, 7, 30, 90};
    public static final int[] SERIES_WINDOWS = {7, 30, 90};
    public static final int[] GAP_WINDOWS = {30, 90};
    /** The live window: the day of asOf so far. */
    public static final int LIVE_WINDOW_DAYS = 1;
    /**
     * The longest window, of complete days before the day of asOf: a vector reads the buckets from {@code asOfDay -
     * MAX_WINDOW_DAYS} to {@code asOfDay}; older ones are never needed again (plus the late window, in which they may
     * still change).
     */
    public static final int MAX_WINDOW_DAYS = 90;
    private static final double SECONDS_PER_HOUR = 3600;

    private FeatureCalculator() {
    }

    /**
     * @param asOfDay the day of the vector's asOf (of the SME's newest event, or the day it was aged to): the 1-day
     *                window is this day, the others end the day before
     * @param buckets the SME's buckets; buckets outside the windows are ignored
     */
    public static Map<String, Double> features(LocalDate asOfDay, Collection<DayBucket> buckets, SmeHistory history) {
        Map<LocalDate, DayBucket> byDay = new HashMap<>();
        buckets.forEach(bucket -> byDay.put(bucket.day(), bucket));
        Map<String, Double> features = new HashMap<>();
        Map<Integer, Window> windows = new HashMap<>();
        for (int days : RATIO_WINDOWS) {
            LocalDate lastDay = days == LIVE_WINDOW_DAYS ? asOfDay : asOfDay.minusDays(1);
            windows.put(days, new Window(lastDay, days, byDay, history.firstDataDay()));
        }
        for (int days : RATIO_WINDOWS) {
            Window window = windows.get(days);
            put(features, name("utilisation", days), window.run, window.reported());
            put(features, name("availability", days), window.run + window.idle, window.reported());
            if (window.produced > 0) {
                features.put(name("quality_rate", days), 1.0 - (double) window.rejected / window.produced);
            }
        }
        for (int days : SERIES_WINDOWS) {
            Window window = windows.get(days);
            put(features, name("output_units_per_day", days), window.produced, window.daysWithData());
            Double trend = window.outputTrend();
            if (trend != null) {
                features.put(name("output_trend", days), trend);
            }
            Double volatility = window.outputVolatility();
            if (volatility != null) {
                features.put(name("output_volatility", days), volatility);
            }
            put(features, name("energy_kwh_per_good_unit", days), window.energy, window.produced - window.rejected);
            // Machine-hours, not events: the count of events grows with how often a gateway reports, not with stoppages.
            put(features, name("downtime_events_per_day", days), window.downtimeMachineHours, window.daysWithData());
            put(features, name("downtime_hours_per_day", days), window.down / SECONDS_PER_HOUR, window.daysWithData());
            features.put(name("active_machines", days), (double) window.runningMachines.size());
            features.put(name("data_coverage", days), (double) window.daysWithData() / days);
        }
        for (int days : GAP_WINDOWS) {
            features.put(name("longest_gap_days", days), (double) windows.get(days).longestGapWithoutOutput());
        }
        Double energy7 = features.get(name("energy_kwh_per_good_unit", 7));
        Double energy90 = features.get(name("energy_kwh_per_good_unit", 90));
        if (energy7 != null && energy90 != null && energy90 > 0) {
            features.put("energy_intensity_drift", energy7 / energy90 - 1);
        }
        features.put("active_machines_change", features.get(name("active_machines", 7)) - features.get(name("active_machines", 90)));
        if (history.lastOutputDay() != null) {
            features.put("days_since_output", (double) ChronoUnit.DAYS.between(history.lastOutputDay(), asOfDay));
        }
        return inDictionaryOrder(features);
    }

    public static LocalDate dayOf(java.time.Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Keeps the dictionary's canonical order, so vectors read the same everywhere. */
    public static Map<String, Double> inDictionaryOrder(Map<String, Double> features) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String name : FeatureDictionary.names()) {
            Double value = features.get(name);
            if (value != null) {
                ordered.put(name, value);
            }
        }
        return ordered;
    }

    private static void put(Map<String, Double> features, String name, double numerator, double denominator) {
        if (denominator > 0) {
            features.put(name, numerator / denominator);
        }
    }

    /** Sums and the daily output series of one window. */
    private static final class Window {

        private final int days;
        private final LocalDate start;
        private final LocalDate end;
        private final LocalDate firstDataDay;
        private final List<double[]> dailyOutput = new ArrayList<>();
        private final Set<String> runningMachines = new HashSet<>();
        private final Map<LocalDate, DayBucket> byDay;
        private double run;
        private double idle;
        private double down;
        private long produced;
        private long rejected;
        private double energy;
        private long downtimeMachineHours;

        /** The {@code days} days ending with {@code end}. */
        Window(LocalDate end, int days, Map<LocalDate, DayBucket> byDay, LocalDate firstDataDay) {
            this.days = days;
            this.end = end;
            this.start = end.minusDays(days - 1L);
            this.byDay = byDay;
            this.firstDataDay = firstDataDay;
            for (int offset = 0; offset < days; offset++) {
                DayBucket bucket = byDay.get(start.plusDays(offset));
                if (bucket == null) {
                    continue;
                }
                run += bucket.runSeconds();
                idle += bucket.idleSeconds();
                down += bucket.downSeconds();
                produced += bucket.unitsProduced();
                rejected += bucket.unitsRejected();
                energy += bucket.energyKwh();
                downtimeMachineHours += bucket.downtimeMachineHours();
                runningMachines.addAll(bucket.runningMachines());
                dailyOutput.add(new double[]{offset, bucket.unitsProduced()});
            }
        }

        double reported() {
            return run + idle + down;
        }

        int daysWithData() {
            return dailyOutput.size();
        }

        private double meanOutput() {
            return dailyOutput.stream().mapToDouble(point -> point[1]).average().orElse(0);
        }

        /** Least-squares slope of daily units over days with data, relative to the mean so firms of any size compare. */
        Double outputTrend() {
            double mean = meanOutput();
            if (dailyOutput.size() < 2 || mean <= 0) {
                return null;
            }
            double meanX = dailyOutput.stream().mapToDouble(point -> point[0]).average().orElseThrow();
            double covariance = 0;
            double varianceX = 0;
            for (double[] point : dailyOutput) {
                covariance += (point[0] - meanX) * (point[1] - mean);
                varianceX += (point[0] - meanX) * (point[0] - meanX);
            }
            return covariance / varianceX / mean;
        }

        /** Population coefficient of variation of daily units over days with data. */
        Double outputVolatility() {
            double mean = meanOutput();
            if (dailyOutput.size() < 2 || mean <= 0) {
                return null;
            }
            double variance = dailyOutput.stream().mapToDouble(point -> (point[1] - mean) * (point[1] - mean))
                    .average().orElseThrow();
            return Math.sqrt(variance) / mean;
        }

        /**
         * Longest run of consecutive days without units produced (no data counts as no output), counted from the
         * SME's first day of telemetry: days before it are missing history (see data_coverage), not a stopped factory.
         */
        int longestGapWithoutOutput() {
            LocalDate from = firstDataDay != null && firstDataDay.isAfter(start) ? firstDataDay : start;
            int longest = 0;
            int current = 0;
            for (LocalDate day = from; !day.isAfter(end); day = day.plusDays(1)) {
                DayBucket bucket = byDay.get(day);
                if (bucket == null || bucket.unitsProduced() == 0) {
                    current++;
                    longest = Math.max(longest, current);
                } else {
                    current = 0;
                }
            }
            return longest;
        }
    }
}
