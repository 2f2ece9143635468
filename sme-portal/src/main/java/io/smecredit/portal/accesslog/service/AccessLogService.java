package io.smecredit.portal.accesslog.service;

import io.smallrye.mutiny.Uni;
import io.smecredit.portal.accesslog.client.LoanAccessLogClient;
import io.smecredit.portal.accesslog.client.LoanAccessRecord;
import io.smecredit.portal.accesslog.domain.AccessDescriptions;
import io.smecredit.portal.accesslog.domain.AccessRecord;
import io.smecredit.portal.bank.BankDirectory;
import io.smecredit.portal.web.PortalActionFailed;
import io.smecredit.portal.web.ReadableErrors;
import io.smecredit.portal.accesslog.domain.AccessLogPage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Who read or otherwise used the owner's data and when, newest first. */
@ApplicationScoped
public class AccessLogService {

    /** Bounds the loan-service calls one page of the log makes: 1 + this many. */
    static final int FURTHER_PAGES_FOR_ONE_RUN = 5;

    private final LoanAccessLogClient loan;
    private final BankDirectory banks;
    private final int pageSize;

    public AccessLogService(@RestClient LoanAccessLogClient loan, BankDirectory banks,
                            @ConfigProperty(name = "portal.access-log.page-size") int pageSize) {
        this.loan = loan;
        this.banks = banks;
        this.pageSize = pageSize;
    }

    /**
     * One page, newest first: the latest records, or those older than {@code before} (a record's seq from the
     * previous page's {@link AccessLogPage#olderBefore()}). loan-service checks the cursor; a bad one comes back as
     * its readable error.
     * <p>
     * A bank's run that fills the page to its end is followed into up to {@value #FURTHER_PAGES_FOR_ONE_RUN} further
     * pages, so that a report read 9,000 times in a row is not 45 pages of "(200 times)"; the next page then starts
     * after the records the run took in. A run that still goes on after them is marked as such, not given an exact
     * count.
     */
    public Uni<AccessLogPage> page(String before) {
        return loan.list(before, pageSize)
                .flatMap(records -> {
                    List<AccessRecord> rows = AccessRecord.runs(newestFirst(records));
                    // A full page may have older records after it; a shorter one is the last.
                    Long olderBefore = records.size() == pageSize ? records.get(records.size() - 1).seq() : null;
                    if (olderBefore == null || !rows.get(rows.size() - 1).byBank()) {
                        return Uni.createFrom().item(new AccessLogPage(rows, olderBefore, before != null));
                    }
                    return followOldestRun(rows, olderBefore, FURTHER_PAGES_FOR_ONE_RUN)
                            .map(followed -> new AccessLogPage(followed.rows, followed.olderBefore, before != null));
                })
                .onFailure().transform(failure -> new PortalActionFailed(ReadableErrors.describe(failure), failure));
    }

    private record Rows(List<AccessRecord> rows, Long olderBefore) {
    }

    /**
     * Adds to the oldest row the records of older pages that continue its run, until one does not, the log ends, or
     * {@code pagesLeft} pages were read.
     */
    private Uni<Rows> followOldestRun(List<AccessRecord> rows, long olderBefore, int pagesLeft) {
        if (pagesLeft == 0) {
            return Uni.createFrom().item(new Rows(withOldest(rows, oldest(rows).goingOnInOlderEntries()),
                    olderBefore));
        }
        return loan.list(String.valueOf(olderBefore), pageSize)
                .flatMap(older -> {
                    AccessRecord run = oldest(rows);
                    Long cursor = olderBefore;
                    // In loan-service's order (by seq), so that the cursor marks exactly the records taken in.
                    for (LoanAccessRecord wire : older) {
                        AccessRecord record = toRecord(wire);
                        if (!run.continuedBy(record)) {
                            return Uni.createFrom().item(new Rows(withOldest(rows, run), cursor));
                        }
                        run = run.extendedBy(record);
                        cursor = wire.seq();
                    }
                    List<AccessRecord> extended = withOldest(rows, run);
                    if (older.size() < pageSize) {
                        return Uni.createFrom().item(new Rows(extended, null));
                    }
                    return followOldestRun(extended, cursor, pagesLeft - 1);
                })
                // The page read is shown anyway; only the count stays open.
                .onFailure().recoverWithItem(() -> new Rows(withOldest(rows, oldest(rows).goingOnInOlderEntries()),
                        olderBefore));
    }

    private List<AccessRecord> newestFirst(List<LoanAccessRecord> records) {
        return records.stream()
                .map(this::toRecord)
                .sorted(Comparator.comparing(AccessRecord::at,
                        Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed())
                .toList();
    }

    private static AccessRecord oldest(List<AccessRecord> rows) {
        return rows.get(rows.size() - 1);
    }

    private static List<AccessRecord> withOldest(List<AccessRecord> rows, AccessRecord oldest) {
        List<AccessRecord> replaced = new ArrayList<>(rows);
        replaced.set(replaced.size() - 1, oldest);
        return List.copyOf(replaced);
    }

    private AccessRecord toRecord(LoanAccessRecord wire) {
        boolean byBank = "bank".equals(wire.actorType());
        String who = AccessDescriptions.actor(wire.actorType(), wire.actor(),
                byBank ? banks.displayName(wire.actor(), null) : null);
        String what;
        if (byBank) {
            what = AccessDescriptions.bankAction(wire.action(), wire.details());
        } else {
            String bank = AccessDescriptions.bankOf(wire.details());
            what = AccessDescriptions.ownerAction(wire.action(), bank == null ? null : banks.displayName(bank, null));
        }
        return AccessRecord.single(wire.at(), who, what, byBank);
    }
}
