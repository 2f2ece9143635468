package io.smecredit.loan.alert.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.http.PageSize;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.alert.domain.Alert;
import io.smecredit.loan.alert.repository.AlertRepository;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.service.AuditLog;
import io.smecredit.loan.common.Bank;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class AlertFeed {

    public static final int PAGE_SIZE = 100;

    /** Alerts oldest first, and the cursor that continues after them (the given one again when there were none). */
    public record Page(List<Alert> alerts, String nextCursor) {
    }

    private final AlertRepository alerts;
    private final AuditLog audit;

    public AlertFeed(AlertRepository alerts, AuditLog audit) {
        this.alerts = alerts;
        this.audit = audit;
    }

    /** Each SME whose alerts the bank receives gets an audit record, like any other read of its data. */
    @WithTransaction
    public Uni<Page> after(Bank bank, String cursor, String limit) {
        long after = parseCursor(cursor);
        int size = PageSize.require(limit, PAGE_SIZE, PAGE_SIZE);
        return alerts.feed(bank.id(), after, size)
                .call(page -> page.isEmpty() && after > 0 ? refuseIfAheadOfTheFeed(bank, after)
                        : Uni.createFrom().voidItem())
                .call(page -> auditRead(bank, page))
                .map(page -> new Page(page, Long.toString(page.isEmpty() ? after : page.get(page.size() - 1).id())));
    }

    /** A cursor this feed never handed out: answering "nothing new" to it would hide every alert up to it. */
    private Uni<Void> refuseIfAheadOfTheFeed(Bank bank, long after) {
        return alerts.lastIdOf(bank.id()).invoke(last -> {
            if (after > last) {
                throw cursorProblem("is ahead of this feed");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> auditRead(Bank bank, List<Alert> page) {
        Map<String, List<Alert>> bySme = page.stream().collect(Collectors.groupingBy(Alert::smeId));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<Alert>> e : bySme.entrySet()) {
            List<Alert> read = e.getValue();
            String ids = read.stream().map(a -> Long.toString(a.id())).collect(Collectors.joining(","));
            chain = chain.chain(() -> audit.append(AuditEntry.byBank(bank.id(), "ALERTS_READ", e.getKey(),
                    resourceOf(read), "count=" + read.size() + "; alerts=" + ids)).replaceWithVoid());
        }
        return chain;
    }

    /**
     * The alerts read, in a form that always fits the record's resource id (at most 47 characters): "alert:7" for
     * one, "alerts:7..93" (the first and last, oldest first) for several. A page holds up to {@link #PAGE_SIZE} alerts
     * of one SME, and their ids joined overflowed the column, so the read failed and the feed stalled; every id is
     * in the details.
     */
    static String resourceOf(List<Alert> read) {
        long first = read.get(0).id();
        long last = read.get(read.size() - 1).id();
        return read.size() == 1 ? "alert:" + first : "alerts:" + first + ".." + last;
    }

    static long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(cursor);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw cursorProblem("is not a whole number from 0");
    }

    private static ProblemException cursorProblem(String why) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "after " + why + ": it must be a cursor returned "
                + "by this feed", List.of(new Problem.FieldError("after",
                "must be a cursor returned by this feed (nextCursor)")));
    }
}
