package io.smecredit.ingestion.features.domain;

import io.smecredit.contracts.FeatureDictionary;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Expresses an SME's key features relative to its industry × region cohort, so a firm's volatility is judged against
 * peers in the same market. Pure: the cohort's current member values are passed in.
 */
public final class CohortCalculator {

    /** The base features that get a cohort percentile and z-score, as the dictionary lists them. */
    public static final List<String> COHORT_BASES = FeatureDictionary.names().stream()
            .filter(name -> name.endsWith(FeatureDictionary.COHORT_PERCENTILE_SUFFIX))
            .map(name -> name.substring(0, name.length() - FeatureDictionary.COHORT_PERCENTILE_SUFFIX.length()))
            .toList();

    private CohortCalculator() {
    }

    /** The cohort-relevant subset of a vector: what the cohort store keeps per member. */
    public static Map<String, Double> cohortValues(Map<String, Double> features) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        COHORT_BASES.forEach(base -> {
            Double value = features.get(base);
            if (value != null) {
                values.put(base, value);
            }
        });
        return values;
    }

    /**
     * Adds {@code base_cohort_pct} and {@code base_cohort_z} for every cohort base the SME has, when at least
     * {@link FeatureDictionary#MIN_COHORT_MEMBERS} members (the SME included) have a value for it.
     *
     * @param members the current cohort values of every member, including this SME's own
     */
    public static void addCohortFeatures(Map<String, Double> features, Collection<Map<String, Double>> members) {
        for (String base : COHORT_BASES) {
            Double own = features.get(base);
            if (own == null) {
                continue;
            }
            double[] peers = members.stream().map(values -> values.get(base)).filter(v -> v != null)
                    .mapToDouble(Double::doubleValue).toArray();
            if (peers.length < FeatureDictionary.MIN_COHORT_MEMBERS) {
                continue;
            }
            features.put(base + FeatureDictionary.COHORT_PERCENTILE_SUFFIX, percentile(own, peers));
            Double z = zScore(own, peers);
            if (z != null) {
                features.put(base + FeatureDictionary.COHORT_Z_SUFFIX, z);
            }
        }
    }

    /** Mid-rank percentile in [0, 1]: ties count half, so a cohort of equals sits at 0.5. */
    static double percentile(double value, double[] peers) {
        double below = 0;
        double equal = 0;
        for (double peer : peers) {
            if (peer < value) {
                below++;
            } else if (peer == value) {
                equal++;
            }
        }
        return (below + 0.5 * equal) / peers.length;
    }

    /** Against the cohort's population mean and standard deviation; none when the cohort does not vary. */
    static Double zScore(double value, double[] peers) {
        double mean = 0;
        for (double peer : peers) {
            mean += peer;
        }
        mean /= peers.length;
        double variance = 0;
        for (double peer : peers) {
            variance += (peer - mean) * (peer - mean);
        }
        double stddev = Math.sqrt(variance / peers.length);
        return stddev > 1e-12 ? (value - mean) / stddev : null;
    }
}
