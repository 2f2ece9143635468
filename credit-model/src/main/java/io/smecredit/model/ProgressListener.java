package io.smecredit.model;

/** Told how far a long computation (training, cross-validation) has got; called on the computing thread. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (stage, done, total) -> {
    };

    /**
     * @param stage what is being done, e.g. "fold 2/5: boosting"
     * @param done  units finished so far within the whole computation
     * @param total units expected in the whole computation (may grow when early stopping ends a stage sooner)
     */
    void onProgress(String stage, int done, int total);
}
