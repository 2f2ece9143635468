package io.smecredit.loan.audit.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.audit.domain.AccessLogQuery;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditQuery;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.audit.domain.AuditUnavailable;
import io.smecredit.loan.audit.domain.ChainCheckpoint;
import io.smecredit.loan.audit.domain.ChainVerification;
import io.smecredit.loan.audit.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/**
 * Writes the audit chain and checks it. {@link #append} joins the caller's transaction, so the audited action and
 * its record commit together: a bank never receives data whose read was not recorded.
 */
@ApplicationScoped
public class AuditLog {

    private static final int VERIFY_BATCH = 1_000;

    private final AuditRepository repository;
    private final Clock clock;
    private final AuditBatcher batcher;

    public AuditLog(AuditRepository repository, Clock clock, AuditBatcher batcher) {
        this.repository = repository;
        this.clock = clock;
        this.batcher = batcher;
    }

    /** Must run inside a transaction; fails with {@link AuditUnavailable} if the record cannot be written. */
    public Uni<AuditRecord> append(AuditEntry entry) {
        return repository.lockHead().flatMap(head -> {
            AuditRecord record = AuditRecord.chain(((Number) head[0]).longValue(), ((String) head[1]).trim(),
                    clock.instant(), entry);
            return repository.insertAndAdvanceHead(record).replaceWith(record);
        }).onFailure().transform(AuditUnavailable::of);
    }

    @WithSession
    public Uni<ChainVerification> verify(ChainCheckpoint checkpoint) {
        // The head is read first: records appended while the walk runs are beyond it and checked next time.
        return repository.head().flatMap(head -> {
            long headSeq = ((Number) head[0]).longValue();
            String headHash = ((String) head[1]).trim();
            ChainVerification verification = new ChainVerification(headSeq, headHash, checkpoint);
            return verifyFrom(0, headSeq, verification).map(v -> {
                if (v.intact()) {
                    v.acceptHead();
                }
                return v;
            });
        });
    }

    private Uni<ChainVerification> verifyFrom(long afterSeq, long upToSeq, ChainVerification verification) {
        return repository.batchAfter(afterSeq, upToSeq, VERIFY_BATCH).flatMap(batch -> {
            boolean stillIntact = verification.accept(batch);
            if (!stillIntact || batch.size() < VERIFY_BATCH) {
                return Uni.createFrom().item(verification);
            }
            return verifyFrom(batch.get(batch.size() - 1).seq(), upToSeq, verification);
        });
    }

    /**
     * A page of the whole log. Reading the log is itself recorded (action AUDIT_LOG_READ, by the operator) before
     * the page is answered, like every other read of recorded data. The record is committed by the group commit,
     * which needs a pooled connection of its own, so it waits only once the page's session has closed and given its
     * connection back: waiting while holding one could leave the group commit none.
     */
    public Uni<List<AuditRecord>> records(AuditQuery query, String operator) {
        return Panache.withSession(() -> repository.records(query.smeId(), query.actor(), query.action(),
                        query.page().beforeSeq(), query.page().limit()))
                .call(page -> batcher.append(AuditEntry.byOperator(operator, "AUDIT_LOG_READ",
                        describe(query) + "; records=" + page.size())));
    }

    private static String describe(AuditQuery query) {
        long before = query.page().beforeSeq();
        return "smeId=" + query.smeId() + "; actor=" + query.actor() + "; action=" + query.action() + "; before="
                + (before == Long.MAX_VALUE ? "newest" : Long.toString(before));
    }

    @WithSession
    public Uni<List<AuditRecord>> recordsAbout(String smeId, AccessLogQuery page) {
        return repository.readsOfSme(smeId, page.beforeSeq(), page.limit());
    }
}
