package io.smecredit.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelArtifactJsonTest {

    private static ModelArtifact artifact;

    @BeforeAll
    static void train() {
        artifact = new CreditModelTrainer().train(SyntheticCredit.generate(1500, 2),
                TrainingOptions.defaults().withThreads(1).withInternalFolds(2).withMaxRounds(60).withCalibration(CalibrationFitter.Kind.ISOTONIC),
                ProgressListener.NONE);
    }

    @Test
    void artifactSurvivesAWriteReadRoundTrip() {
        ModelArtifact read = ModelArtifactJson.read(ModelArtifactJson.write(artifact));
        assertThat(read).isEqualTo(artifact);
        assertThat(read.boosterJson()).isEqualTo(artifact.boosterJson());
        assertThat(read.calibration()).isInstanceOf(Calibration.Isotonic.class).isEqualTo(artifact.calibration());
        assertThat(read.baseline()).isEqualTo(artifact.baseline());
        assertThat(ServingModel.of(read).pd(new double[]{0.3, 0.4, Double.NaN, 3, 0}))
                .isEqualTo(ServingModel.of(artifact).pd(new double[]{0.3, 0.4, Double.NaN, 3, 0}));
    }

    @Test
    void plattCalibrationRoundTripsToo() {
        ModelArtifact platt = ModelArtifact.create(artifact.boosterJson(), artifact.featureNames(), 2,
                new Calibration.Platt(0.9, -0.1), artifact.baseline(), Map.of("eta", 0.05), Map.of("auc", 0.8), "abc", 10);
        assertThat(ModelArtifactJson.read(ModelArtifactJson.write(platt))).isEqualTo(platt);
    }

    @Test
    void aTamperedModelIsRefusedBecauseItsVersionNoLongerMatches() {
        String json = new String(ModelArtifactJson.write(artifact), StandardCharsets.UTF_8);
        String tampered = json.replace("\"kind\":\"isotonic\"", "\"kind\":\"platt\",\"a\":1.0,\"b\":0.5");
        assertThatThrownBy(() -> ModelArtifactJson.read(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match its content");
    }

    @Test
    void garbageIsRefusedClearly() {
        assertThatThrownBy(() -> ModelArtifactJson.read("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Not a model artifact");
        assertThatThrownBy(() -> ModelArtifactJson.read("not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid JSON");
    }
}
