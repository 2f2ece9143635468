package io.smecredit.portal.web;

/**
 * A call to loan-service that did not succeed, already put in words an SME owner can act on.
 *
 * @param status the HTTP status the portal answers with: loan-service's own for a refused request, 502 or 503 when
 *               loan-service itself failed or could not be reached
 */
public record LoanServiceFailure(int status, String message) {
}
