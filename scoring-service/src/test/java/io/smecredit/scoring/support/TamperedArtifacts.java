package io.smecredit.scoring.support;

import io.smecredit.model.ModelArtifact;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Artifacts whose booster JSON was edited so that the pure-Java evaluator and xgboost4j read it differently.
 *
 * <p>The edit: the root split threshold of the first tree is rewritten as a decimal a hair above the midpoint of two
 * neighbouring floats, whose lower one has an even mantissa. xgboost parses the literal straight to float and
 * rounds it up; reading it as a double first (as the Java evaluator does) lands exactly on the midpoint, which the
 * cast to float rounds to even, i.e. down. The evaluators then disagree on which side a value equal to the
 * threshold goes, and the golden set (which contains every threshold) finds the difference. The text is edited in
 * place because re-serialising the JSON would change other numbers (and XGBoost's non-standard infinities).
 */
public final class TamperedArtifacts {

    private static final String CONDITIONS = "\"split_conditions\":[";

    private TamperedArtifacts() {
    }

    public static ModelArtifact withAmbiguousRootThreshold(ModelArtifact artifact) {
        String json = new String(artifact.boosterJson(), StandardCharsets.UTF_8);
        int start = json.indexOf(CONDITIONS);
        if (start < 0) {
            throw new IllegalStateException("Booster JSON has no split_conditions");
        }
        start += CONDITIONS.length();
        int end = start;
        while (",]".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        float threshold = (float) Double.parseDouble(json.substring(start, end));
        float lower = (Float.floatToIntBits(threshold) & 1) == 0 ? threshold : Math.nextDown(threshold);
        float upper = Math.nextUp(lower);
        BigDecimal midpoint = new BigDecimal((double) lower).add(new BigDecimal((double) upper))
                .divide(BigDecimal.valueOf(2));
        BigDecimal aboveMidpoint = midpoint.add(midpoint.abs().scaleByPowerOfTen(-30));
        String edited = json.substring(0, start) + aboveMidpoint.toPlainString() + json.substring(end);
        return ModelArtifact.create(edited.getBytes(StandardCharsets.UTF_8), artifact.featureNames(),
                artifact.featureSchemaVersion(), artifact.calibration(), artifact.baseline(), artifact.parameters(),
                artifact.metrics(), artifact.dataFingerprint(), artifact.trainingRows());
    }
}
