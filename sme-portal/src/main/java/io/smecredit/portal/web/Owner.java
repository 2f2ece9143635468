package io.smecredit.portal.web;

/**
 * The signed-in SME owner, for display only: loan-service derives the SME from the access token itself.
 *
 * @param smeId null when the account carries no SME (such an account is refused anyway)
 */
public record Owner(String username, String smeId) {
}
