package io.smecredit.portal.consent.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The owner's consents sorted into what needs an answer, what banks can use now, and the history, each in the
 * order an owner looks for: oldest request first (it has waited longest), soonest expiry first, newest history first.
 */
public record ConsentBoard(List<Consent> pending, List<Consent> active, List<Consent> history) {

    static final int HISTORY_LIMIT = 20;

    private static final Comparator<Instant> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    /** Reversed for the history, so undated records still come last. */
    private static final Comparator<Instant> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    public static ConsentBoard of(List<Consent> consents, Instant now) {
        List<Consent> pending = consents.stream()
                .filter(consent -> consent.awaitsAnswer(now))
                .sorted(Comparator.comparing(Consent::createdAt, NULLS_LAST))
                .toList();
        List<Consent> active = consents.stream()
                .filter(consent -> consent.activeAt(now))
                .sorted(Comparator.comparing(Consent::expiresAt, NULLS_LAST))
                .toList();
        List<Consent> history = consents.stream()
                .filter(consent -> !consent.awaitsAnswer(now) && !consent.activeAt(now))
                .sorted(Comparator.comparing(Consent::createdAt, NULLS_FIRST).reversed())
                .limit(HISTORY_LIMIT)
                .toList();
        return new ConsentBoard(pending, active, history);
    }

    /** The consent with this id among those shown (the history holds the newest {@value #HISTORY_LIMIT}). */
    public Optional<Consent> find(String consentId) {
        return java.util.stream.Stream.of(pending, active, history).flatMap(List::stream)
                .filter(consent -> consent.id().equals(consentId)).findFirst();
    }
}
