package io.smecredit.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to serve, explain, audit and monitor one trained model. The version is derived from the
 * content (booster, calibration, feature names), so the same data and options always give the same version and
 * a changed model can never masquerade as an old one.
 *
 * @param boosterJson          the XGBoost model in its JSON format (what both evaluators load)
 * @param featureSchemaVersion version of the feature schema the feature names come from (0 for ad-hoc CSVs)
 * @param parameters           the xgboost parameters and training choices (rounds, best iteration, …)
 * @param metrics              held-out metrics of the trained model (keys as in {@link Metrics#asMap()})
 * @param dataFingerprint      SHA-256 of the training data (feature names, values and labels)
 */
public record ModelArtifact(String version, byte[] boosterJson, List<String> featureNames, int featureSchemaVersion,
                            Calibration calibration, PopulationBaseline baseline, Map<String, Object> parameters,
                            Map<String, Double> metrics, String dataFingerprint, int trainingRows) {

    public ModelArtifact {
        if (boosterJson == null || boosterJson.length == 0) {
            throw new IllegalArgumentException("boosterJson is required");
        }
        if (calibration == null || baseline == null) {
            throw new IllegalArgumentException("calibration and baseline are required");
        }
        boosterJson = boosterJson.clone();
        featureNames = List.copyOf(featureNames);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        String expected = versionOf(boosterJson, calibration, featureNames);
        if (!expected.equals(version)) {
            throw new IllegalArgumentException("Model version " + version + " does not match its content (" + expected + ")");
        }
    }

    /** Builds an artifact whose version is computed from its content. */
    public static ModelArtifact create(byte[] boosterJson, List<String> featureNames, int featureSchemaVersion,
                                       Calibration calibration, PopulationBaseline baseline,
                                       Map<String, Object> parameters, Map<String, Double> metrics,
                                       String dataFingerprint, int trainingRows) {
        return new ModelArtifact(versionOf(boosterJson, calibration, featureNames), boosterJson, featureNames,
                featureSchemaVersion, calibration, baseline, parameters, metrics, dataFingerprint, trainingRows);
    }

    /** "m-" + the first 12 hex digits of SHA-256 over the booster JSON, the calibration and the feature names. */
    public static String versionOf(byte[] boosterJson, Calibration calibration, List<String> featureNames) {
        MessageDigest digest = sha256();
        digest.update(boosterJson);
        digest.update((byte) 0);
        digest.update(canonical(calibration).getBytes(StandardCharsets.UTF_8));
        for (String name : featureNames) {
            digest.update((byte) 0);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
        }
        return "m-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    static String canonical(Calibration calibration) {
        if (calibration instanceof Calibration.Platt p) {
            return "platt:" + p.a() + ":" + p.b();
        }
        Calibration.Isotonic i = (Calibration.Isotonic) calibration;
        return "isotonic:" + Arrays.toString(i.thresholds()) + ":" + Arrays.toString(i.values());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public byte[] boosterJson() {
        return boosterJson.clone();
    }

    /** Number of trees, as the booster JSON says. */
    public int treeCount() {
        return io.smecredit.model.tree.XgboostJsonModel.parse(boosterJson).treeCount();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelArtifact o && version.equals(o.version) && Arrays.equals(boosterJson, o.boosterJson)
                && featureNames.equals(o.featureNames) && featureSchemaVersion == o.featureSchemaVersion
                && calibration.equals(o.calibration) && baseline.equals(o.baseline) && parameters.equals(o.parameters)
                && metrics.equals(o.metrics) && java.util.Objects.equals(dataFingerprint, o.dataFingerprint)
                && trainingRows == o.trainingRows;
    }

    @Override
    public int hashCode() {
        return version.hashCode();
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + version + ", " + featureNames.size() + " features, " + trainingRows + " rows]";
    }
}
