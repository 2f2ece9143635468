package io.smecredit.loan.report.domain;

import java.util.regex.Pattern;

/**
 * The shape every SME id must have. Checked both at the REST boundary and on incoming score events, so an id
 * that could never be requested is never stored either.
 */
public final class SmeId {

    /** Lower-case, URL-safe and bounded, so ids can appear in paths, Kafka keys and log lines unescaped. */
    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$";

    public static final String RULE = "must be 1-64 characters of a-z, 0-9 and '-', not starting with '-'";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private SmeId() {
    }

    public static boolean isValid(String smeId) {
        return smeId != null && COMPILED.matcher(smeId).matches();
    }
}
