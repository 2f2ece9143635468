package io.smecredit.loan.audit.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for the audit chain on hot read paths. The chain has one head, so appends are serialised; taking the
 * head lock and paying a commit per request would cap reads at one commit's latency. Instead, waiting entries are
 * appended together — one lock, one batch insert, one commit — by a single writer at a time, and each caller's Uni
 * completes only when its record is committed. The caller answers only after that, so no data leaves unrecorded.
 * Appends that must be atomic with a business change (decisions, consent changes) use {@link AuditLog#append} inside
 * their own transaction and take the same head lock, so both writers produce one chain.
 */
@ApplicationScoped
public class AuditBatcher {

    private static final Logger LOG = Logger.getLogger(AuditBatcher.class);
    private static final int MAX_BATCH = 500;

    private record Pending(AuditEntry entry, CompletableFuture<AuditRecord> done) {
    }

    private final Pool db;
    private final Clock clock;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    // How well group commit works under load: records per commit, and how long one commit cycle takes.
    private final DistributionSummary batchSize;
    private final Timer batchWrite;

    public AuditBatcher(Pool db, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.clock = clock;
        this.batchSize = DistributionSummary.builder("loan.audit.batch.records")
                .description("Audit records committed together by one group commit")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.batchWrite = Timer.builder("loan.audit.batch.write")
                .description("Time of one group commit: head lock, batch insert, head update, commit")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    /** Completes once the record is committed in the chain. */
    public Uni<AuditRecord> append(AuditEntry entry) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<AuditRecord> done = new CompletableFuture<>();
            queue.add(new Pending(entry, done));
            drain();
            Uni<AuditRecord> committed = Uni.createFrom().completionStage(done);
            // The batch completes on the writer's connection thread; the caller continues on its own context (a
            // Hibernate Reactive session must stay on the thread that opened it).
            Context caller = Vertx.currentContext();
            return caller == null ? committed : committed.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    private void drain() {
        if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        batchSize.record(batch.size());
        long started = System.nanoTime();
        write(batch).onTermination().invoke(() -> batchWrite.record(System.nanoTime() - started,
                        TimeUnit.NANOSECONDS))
                .subscribe().with(records -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(records.get(i));
            }
            writing.set(false);
            drain();
        }, failure -> {
            LOG.warnf("Audit batch of %d could not be written: %s", batch.size(), failure.toString());
            batch.forEach(p -> p.done().completeExceptionally(failure));
            writing.set(false);
            drain();
        });
    }

    private Uni<List<AuditRecord>> write(List<Pending> batch) {
        return db.withTransaction(conn -> conn
                .query("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE").execute()
                .flatMap(rows -> {
                    var head = rows.iterator().next();
                    long seq = head.getLong(0);
                    String hash = head.getString(1).trim();
                    List<AuditRecord> records = new ArrayList<>();
                    List<Tuple> tuples = new ArrayList<>();
                    for (Pending p : batch) {
                        AuditRecord r = AuditRecord.chain(seq, hash, clock.instant(), p.entry());
                        records.add(r);
                        tuples.add(Tuple.tuple(List.of(r.seq(), r.occurredAt().atOffset(ZoneOffset.UTC), r.actorType(),
                                r.actorId(), r.action())).addValue(r.smeId()).addValue(r.resourceId())
                                .addValue(r.details()).addValue(r.prevHash()).addValue(r.hash()));
                        seq = r.seq();
                        hash = r.hash();
                    }
                    AuditRecord last = records.get(records.size() - 1);
                    // Pipelined: both statements leave together (one round trip, in this order on the connection).
                    // If the insert fails, the transaction is aborted, the head update fails with it, and nothing
                    // commits.
                    Uni<?> insert = conn.preparedQuery("INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, "
                                    + "action, sme_id, resource_id, details, prev_hash, hash) "
                                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                            .executeBatch(tuples);
                    Uni<?> advanceHead = conn.preparedQuery(
                                    "UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1")
                            .execute(Tuple.of(last.seq(), last.hash()));
                    return Uni.combine().all().unis(insert, advanceHead).discardItems().replaceWith(records);
                }));
    }
}
