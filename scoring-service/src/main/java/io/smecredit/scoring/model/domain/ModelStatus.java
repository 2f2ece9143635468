package io.smecredit.scoring.model.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a registered model stands. Exactly one champion serves banks; at most one challenger scores the same
 * vectors in shadow; candidates wait for an operator; retired models stay for audit and rollback.
 */
public enum ModelStatus {
    CANDIDATE, CHAMPION, CHALLENGER, RETIRED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The status named in an operator request ("champion", "challenger"), if it is one a model can be promoted to. */
    public static Optional<ModelStatus> promotionTarget(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "champion" -> Optional.of(CHAMPION);
            case "challenger" -> Optional.of(CHALLENGER);
            default -> Optional.empty();
        };
    }
}
