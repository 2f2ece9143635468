package io.smecredit.portal.consent.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a bank may see about the SME; the wire names are loan-service's consent scopes. */
public enum Scope {
    CREDIT_REPORT("credit-report", "Credit report",
            "Your score, probability of default, grade, the main reasons and the 12-month trend."),
    FEATURES_SUMMARY("features-summary", "Production summary",
            "Key figures behind the score: output, utilisation, quality rate, output trend and volatility, downtime, "
                    + "energy per good unit, days since last output and data coverage, each next to similar firms."),
    MONITORING("monitoring", "Monitoring and early warnings",
            "Alerts to the bank when your grade or score falls or production stops.");

    private final String wireName;
    private final String label;
    private final String explanation;

    Scope(String wireName, String label, String explanation) {
        this.wireName = wireName;
        this.label = label;
        this.explanation = explanation;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

    public static Optional<Scope> fromWire(String name) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
    }
}
