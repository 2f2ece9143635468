package io.smecredit.scoring.model.domain;

import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ServingModel;

/**
 * A registered model ready to score: the immutable pure-Java evaluator built once from its artifact. Shared by
 * every request and consumer thread; replaced as a whole, never changed.
 */
public record LoadedModel(ServingModel serving) {

    public String version() {
        return serving.version();
    }

    public int featureSchemaVersion() {
        return serving.artifact().featureSchemaVersion();
    }

    public ModelArtifact artifact() {
        return serving.artifact();
    }
}
