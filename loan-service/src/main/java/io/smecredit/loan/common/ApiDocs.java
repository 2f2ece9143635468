package io.smecredit.loan.common;

/** Names shared by the OpenAPI annotations of all resources. */
public final class ApiDocs {

    public static final String BEARER = "bearer";
    public static final String PROBLEM = "application/problem+json";

    public static final String UNAUTHENTICATED = "No valid bearer access token (missing, expired, bad signature, "
            + "wrong issuer).";
    public static final String BANK_FORBIDDEN = "The token lacks role 'bank', its client is not a registered bank, "
            + "or (for SME data) no valid consent with the needed scope exists. The answer is identical whether "
            + "or not the SME exists. Every such denial is recorded in the audit log.";
    public static final String SME_FORBIDDEN = "The token lacks role 'sme' or does not name an SME (claim sme_id).";
    public static final String RATE_LIMITED = "Too many requests from this bank; retry after the Retry-After "
            + "header's seconds.";

    private ApiDocs() {
    }
}
