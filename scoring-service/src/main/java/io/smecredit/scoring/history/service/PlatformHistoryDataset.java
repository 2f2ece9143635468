package io.smecredit.scoring.history.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.model.Dataset;
import io.smecredit.scoring.history.repository.TrainingHistoryRepository.LabelledSnapshot;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns labelled snapshots into a training set on the given feature columns: a feature a snapshot lacks (or
 * holds as null) is missing (NaN), exactly as it would be when scored; features outside the columns are dropped.
 */
public final class PlatformHistoryDataset {

    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    private PlatformHistoryDataset() {
    }

    public static Dataset build(List<String> columns, List<LabelledSnapshot> snapshots, ObjectMapper json) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        float[] values = new float[snapshots.size() * columns.size()];
        Arrays.fill(values, Float.NaN);
        float[] labels = new float[snapshots.size()];
        for (int r = 0; r < snapshots.size(); r++) {
            LabelledSnapshot snapshot = snapshots.get(r);
            Map<String, Double> features = read(snapshot, json);
            for (Map.Entry<String, Double> entry : features.entrySet()) {
                Integer column = index.get(entry.getKey());
                Double value = entry.getValue();
                if (column != null && value != null && Float.isFinite(value.floatValue())) {
                    values[r * columns.size() + column] = value.floatValue();
                }
            }
            labels[r] = snapshot.defaulted() ? 1f : 0f;
        }
        return new Dataset(columns, values, labels, snapshots.size());
    }

    private static Map<String, Double> read(LabelledSnapshot snapshot, ObjectMapper json) {
        try {
            Map<String, Double> features = json.readValue(snapshot.featuresJson(), FEATURES);
            return features == null ? Map.of() : features;
        } catch (IOException e) {
            throw new IllegalStateException("Snapshot of " + snapshot.smeId() + " as of " + snapshot.asOf()
                    + " is not readable JSON", e);
        }
    }
}
