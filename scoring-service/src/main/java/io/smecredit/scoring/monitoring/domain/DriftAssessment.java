package io.smecredit.scoring.monitoring.domain;

import io.smecredit.model.PopulationBaseline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Population stability of one day's scored vectors against the model's training baseline: PSI per feature and
 * for the score (the calibrated PD), always in the bins stored with the model, never in bins recomputed from the
 * day's data (that would hide exactly the shifts PSI is meant to show).
 */
public final class DriftAssessment {

    private DriftAssessment() {
    }

    /** One scored row: its feature values in the model's column order (NaN = missing) and its PD. */
    public record ScoredRow(double[] features, double pd) {
    }

    public record Result(int rows, double scorePsi, Map<String, Double> featurePsi) {

        /** Subjects (features, then "score") whose PSI exceeds the threshold, largest first. */
        public Map<String, Double> above(double threshold) {
            Map<String, Double> all = new LinkedHashMap<>(featurePsi);
            all.put(PopulationBaseline.SCORE, scorePsi);
            Map<String, Double> above = new LinkedHashMap<>();
            all.entrySet().stream().filter(e -> e.getValue() > threshold)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> above.put(e.getKey(), e.getValue()));
            return above;
        }
    }

    public static Result assess(PopulationBaseline baseline, List<String> featureNames, List<ScoredRow> rows) {
        Map<String, Double> featurePsi = new LinkedHashMap<>();
        double[] column = new double[rows.size()];
        for (int f = 0; f < featureNames.size(); f++) {
            String name = featureNames.get(f);
            if (!baseline.binEdges().containsKey(name)) {
                continue;
            }
            for (int r = 0; r < rows.size(); r++) {
                column[r] = rows.get(r).features()[f];
            }
            featurePsi.put(name, baseline.psi(name, column));
        }
        double[] pds = rows.stream().mapToDouble(ScoredRow::pd).toArray();
        return new Result(rows.size(), baseline.psi(PopulationBaseline.SCORE, pds), featurePsi);
    }
}
