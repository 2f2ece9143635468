package io.smecredit.portal.consent.resource;

import io.smecredit.portal.bank.BankOption;
import io.smecredit.portal.consent.domain.ConsentBoard;
import io.smecredit.portal.consent.domain.Scope;
import io.smecredit.portal.web.Owner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the consent page shows.
 *
 * @param board        null when loan-service could not be asked; {@code error} then says why
 * @param notice       confirmation of the change just made, or null
 * @param error        what went wrong with the last action or with loading the page, or null
 * @param grantProblems what to correct in the grant form
 */
public record BoardPage(
        Owner owner,
        ConsentBoard board,
        String notice,
        String error,
        GrantForm form,
        List<String> grantProblems,
        List<BankOption> banks,
        List<Scope> scopes,
        LocalDate tomorrow,
        LocalDate latestExpiry,
        Instant now) {
}
