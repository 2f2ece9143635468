package io.smecredit.portal.consent.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a direct grant before it leaves the portal, so the owner gets a precise message next to the form;
 * loan-service checks the same rules again because it is the authority.
 *
 * <p>Access ends at the start (00:00 UTC) of the chosen day: with that reading the latest day offered, one year
 * from today, is still within loan-service's one-year limit.
 */
public final class GrantRules {

    public static final int MAX_DAYS = 365;
    /** As the page shows days ("6 Dec 2027"), not as the date field sends them. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    public static final int PURPOSE_MAX_LENGTH = 200;

    private GrantRules() {
    }

    /** The outcome: either a grant ready to send, or the problems to show. */
    public record Checked(Optional<Grant> grant, List<String> problems) {
    }

    public static LocalDate latestExpiry(LocalDate today) {
        return today.plusDays(MAX_DAYS);
    }

    public static Checked check(String bankId, String purpose, List<String> scopeNames, String expiresOn,
                                Set<String> knownBanks, LocalDate today) {
        List<String> problems = new ArrayList<>();
        String bank = bankId == null ? "" : bankId.strip();
        if (bank.isEmpty()) {
            problems.add("Choose the bank that may see your data.");
        } else if (!knownBanks.contains(bank)) {
            problems.add("Choose one of the listed banks.");
        }
        String statedPurpose = purpose == null ? "" : purpose.strip();
        if (statedPurpose.isEmpty()) {
            problems.add("Say what the bank may use your data for.");
        } else if (statedPurpose.length() > PURPOSE_MAX_LENGTH) {
            problems.add("Keep the purpose to at most " + PURPOSE_MAX_LENGTH + " characters.");
        } else if (statedPurpose.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
            problems.add("Write the purpose on one line, without tabs or other invisible characters.");
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String name : scopeNames == null ? List.<String>of() : scopeNames) {
            Scope.fromWire(name).ifPresentOrElse(scopes::add,
                    () -> problems.add("'" + name + "' is not something a bank can be given access to."));
        }
        if (scopes.isEmpty()) {
            problems.add("Tick at least one kind of data the bank may see.");
        } else if (scopes.contains(Scope.FEATURES_SUMMARY) && !scopes.contains(Scope.CREDIT_REPORT)) {
            problems.add("The production summary is shown inside the credit report: tick the credit report too.");
        }
        Instant expiresAt = null;
        if (expiresOn == null || expiresOn.isBlank()) {
            problems.add("Choose the day access ends.");
        } else {
            try {
                LocalDate day = LocalDate.parse(expiresOn.strip());
                if (!day.isAfter(today)) {
                    problems.add("Access must end after today.");
                } else if (day.isAfter(latestExpiry(today))) {
                    problems.add("Access can last at most one year: choose " + DAY.format(latestExpiry(today))
                            + " or earlier.");
                } else {
                    expiresAt = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            } catch (DateTimeParseException e) {
                problems.add("Give the end date as YYYY-MM-DD.");
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(Optional.empty(), List.copyOf(problems));
        }
        return new Checked(Optional.of(new Grant(bank, statedPurpose, List.copyOf(scopes), expiresAt)), List.of());
    }
}
