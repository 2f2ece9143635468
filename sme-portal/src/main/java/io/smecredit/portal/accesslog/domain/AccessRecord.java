package io.smecredit.portal.accesslog.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing done with the owner's data, in the owner's words, or the same thing done several times in a row.
 *
 * @param at     when (the latest time, for a run of the same thing)
 * @param since  the earliest time of a run; equal to {@code at} for a single record
 * @param times  how many records this row stands for
 * @param byBank true when a bank did it: those are the rows an owner checks first
 * @param mayGoOnInOlderEntries true when the run still went on at the oldest record the portal read for this page:
 *               {@code times} and {@code since} are then only what was read, and older entries may add to them
 */
public record AccessRecord(Instant at, Instant since, int times, String who, String what, boolean byBank,
                           boolean mayGoOnInOlderEntries) {

    public static AccessRecord single(Instant at, String who, String what, boolean byBank) {
        return new AccessRecord(at, at, 1, who, what, byBank, false);
    }

    /** Whether {@code older}, the next record back, continues this row's run. */
    public boolean continuedBy(AccessRecord older) {
        return sameAs(older);
    }

    /** This run with {@code older}, the next record back, added to it. */
    public AccessRecord extendedBy(AccessRecord older) {
        return new AccessRecord(at, older.since, times + older.times, who, what, byBank, mayGoOnInOlderEntries);
    }

    /** This row, marked as a run that may go on in older entries the portal did not read. */
    public AccessRecord goingOnInOlderEntries() {
        return new AccessRecord(at, since, times, who, what, byBank, true);
    }

    /**
     * Runs of the same thing by the same party, newest first, as one row each: a bank's system reading a report every
     * minute made pages of identical rows in which an owner could not find anything else. Nothing is dropped: a row
     * says how many times and from when to when.
     */
    public static List<AccessRecord> runs(List<AccessRecord> newestFirst) {
        List<AccessRecord> rows = new ArrayList<>();
        for (AccessRecord record : newestFirst) {
            int last = rows.size() - 1;
            if (last >= 0 && rows.get(last).sameAs(record)) {
                rows.set(last, rows.get(last).extendedBy(record));
            } else {
                rows.add(record);
            }
        }
        return rows;
    }

    /**
     * Only a bank's actions make runs: its systems repeat them by the hundred. An owner's own changes stay one row each:
     * "Approved Demo Bank B's request (2 times)" read as one request approved twice when it was two requests.
     */
    private boolean sameAs(AccessRecord other) {
        return byBank && other.byBank && Objects.equals(who, other.who) && Objects.equals(what, other.what);
    }
}
