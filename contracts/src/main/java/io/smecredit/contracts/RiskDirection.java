package io.smecredit.contracts;

/** Which way a feature moves when credit risk rises; drives monotone constraints and the wording of reasons. */
public enum RiskDirection {
    HIGHER_IS_RISKIER,
    LOWER_IS_RISKIER;

    /** +1 when a higher value means more risk, -1 otherwise (XGBoost's monotone constraint on the default margin). */
    public int monotoneSign() {
        return this == HIGHER_IS_RISKIER ? 1 : -1;
    }
}
