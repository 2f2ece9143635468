package io.smecredit.contracts;

import java.util.regex.Pattern;

/**
 * The shape every SME id must have, in every service: ingestion refuses to register an SME under any other id (it
 * would be ingested and scored, then skipped by loan-service, which can neither store nor serve it), and
 * loan-service checks it at its REST boundary and on incoming score events.
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
