package io.smecredit.loan.report.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last answer given per key, offered again for {@code reuseFor} after it was read. Bounded: when full, the answers
 * past their reuse are dropped first, and if every answer kept is still reusable a new one is not kept, so a burst of
 * first reads cannot push out the answers in use (emptying the whole map, as before, sent every bank's next read to the
 * database at once).
 *
 * @param <K> whose answer (a bank and an SME)
 * @param <V> the answer
 */
final class RecentAnswers<K, V> {

    private record Kept<V>(V answer, Instant readAt) {
    }

    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration reuseFor;
    private final Clock clock;
    // While the map is full of answers in use, each new key would scan it: a tenth of the reuse period apart at most.
    private volatile Instant nextSweep = Instant.MIN;

    RecentAnswers(int capacity, Duration reuseFor, Clock clock) {
        this.capacity = capacity;
        this.reuseFor = reuseFor;
        this.clock = clock;
    }

    /** The answer kept for the key if it was read less than {@code reuseFor} ago, else null. */
    V reusable(K key) {
        Kept<V> last = kept.get(key);
        return last == null || !isReusable(last, clock.instant()) ? null : last.answer();
    }

    /** Keeps the answer just read from its source (nothing when reuse is off or the map is full of reusable ones). */
    void remember(K key, V answer) {
        if (reuseFor.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (kept.size() >= capacity && !kept.containsKey(key)) {
            if (now.isBefore(nextSweep)) {
                return;
            }
            nextSweep = now.plus(reuseFor.dividedBy(10));
            kept.values().removeIf(last -> !isReusable(last, now));
            if (kept.size() >= capacity) {
                return;
            }
        }
        kept.put(key, new Kept<>(answer, now));
    }

    /** Drops this answer for the key, unless a newer one has replaced it meanwhile. */
    void forget(K key, V answer) {
        kept.computeIfPresent(key, (ignored, last) -> last.answer() == answer ? null : last);
    }

    int size() {
        return kept.size();
    }

    private boolean isReusable(Kept<V> last, Instant now) {
        return !reuseFor.isZero() && !last.readAt().isBefore(now.minus(reuseFor));
    }
}
