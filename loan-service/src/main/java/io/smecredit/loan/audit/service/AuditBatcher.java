package io.smecredit.loan.audit.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.audit.domain.AuditUnavailable;
import io.smecredit.loan.common.GroupedCalls;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for the audit chain on hot read paths. The chain has one head, so appends are serialised; taking the
 * head lock and paying a commit per request would cap reads at one commit's latency. Instead, waiting entries are
 * appended together — one statement, one commit — by a single writer at a time, and each caller's Uni
 * completes only when its record is committed. The caller answers only after that, so no data leaves unrecorded.
 * Appends that must be atomic with a business change (decisions, consent changes) use {@link AuditLog#append} inside
 * their own transaction and take the same head lock, so both writers produce one chain.
 */
@ApplicationScoped
public class AuditBatcher {

    private static final Logger LOG = Logger.getLogger(AuditBatcher.class);

    private static final int MAX_BATCH = 500;
    // A commit this slow means the database is unreachable: fail the waiting reads rather than hold every later one.
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(10);
    // Each retry follows a commit by another writer, so running out means the chain is written faster elsewhere than
    // this writer can read its head: fail the batch (its reads answer an error) rather than spin.
    private static final int MAX_ATTEMPTS = 10;
    // The head moves only if it is still where this writer left it; the insert happens only if the head moved. Both
    // are one statement, so they commit together or not at all; the head row's lock orders this writer with
    // AuditLog#append, which takes the same row FOR UPDATE.
    private static final String APPEND = "WITH advanced AS (UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 "
            + "WHERE id = 1 AND last_seq = $3 AND last_hash = $4 RETURNING 1) "
            + "INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, action, sme_id, resource_id, details, "
            + "prev_hash, hash) "
            + "SELECT * FROM unnest($5::bigint[], $6::timestamptz[], $7::varchar[], $8::varchar[], $9::varchar[], "
            + "$10::varchar[], $11::varchar[], $12::text[], $13::char(64)[], $14::char(64)[]) "
            + "WHERE EXISTS (SELECT 1 FROM advanced)";

    private final Pool db;
    private final Clock clock;
    // Never drops a call whose caller has gone: the record of a read must be written even if the answer was not.
    private final GroupedCalls<AuditEntry, AuditRecord> groupCommit = new GroupedCalls<>("audit group commit",
            MAX_BATCH, BATCH_TIMEOUT, false, this::write);
    // Where this writer's last commit left the chain; only the single active writer reads or sets it.
    private volatile Head knownHead;
    // How well group commit works under load: records per commit, and how long one commit cycle takes.
    private final DistributionSummary batchSize;
    private final Timer batchWrite;
    private final Counter staleHeads;

    public AuditBatcher(Pool db, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.clock = clock;
        this.batchSize = DistributionSummary.builder("loan.audit.batch.records")
                .description("Audit records committed together by one group commit")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.batchWrite = Timer.builder("loan.audit.batch.write")
                .description("Time of one group commit: head check and advance, batch insert, commit")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.staleHeads = Counter.builder("loan.audit.batch.stale.head")
                .description("Group commits chained again because another writer had moved the head")
                .register(metrics);
    }

    /** Completes once the record is committed in the chain; fails with {@link AuditUnavailable} if it cannot be. */
    public Uni<AuditRecord> append(AuditEntry entry) {
        return groupCommit.call(entry).onFailure().transform(AuditUnavailable::of);
    }

    /** Queues the entries together, so they share a commit; each Uni completes once its record is committed. */
    public List<Uni<AuditRecord>> appendAll(List<AuditEntry> entries) {
        return groupCommit.callAll(entries).stream()
                .map(record -> record.onFailure().transform(AuditUnavailable::of)).toList();
    }

    /**
     * One statement, committed on its own: advance the head from where this writer last left it and insert the batch,
     * or do neither. One round trip per group commit instead of four (begin, lock the head, insert and update, commit)
     * matters because each round trip waits its turn on an event loop that is busy serving the reads themselves. If
     * another writer moved the head meanwhile (a decision appended in its own transaction, another instance), the
     * guard matches nothing, nothing is inserted, and the batch is chained again after the head as it now is.
     */
    private Uni<List<AuditRecord>> write(List<AuditEntry> batch) {
        batchSize.record(batch.size());
        long started = System.nanoTime();
        Uni<Head> head = knownHead != null ? Uni.createFrom().item(knownHead) : readHead();
        return head.flatMap(from -> appendAfter(from, batch, MAX_ATTEMPTS))
                .onFailure().invoke(failure -> {
                    // Logged once per batch; each waiting call fails with AuditUnavailable.
                    LOG.warnf("%d audit record(s) could not be committed: %s", batch.size(), failure.toString());
                    knownHead = null;
                })
                .onTermination().invoke(() -> batchWrite.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    private Uni<List<AuditRecord>> appendAfter(Head from, List<AuditEntry> batch, int attemptsLeft) {
        return tryAppend(from, batch).flatMap(records -> {
            if (records != null) {
                return Uni.createFrom().item(records);
            }
            staleHeads.increment();
            if (attemptsLeft <= 1) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "the audit chain head moved under the batch writer " + MAX_ATTEMPTS + " times in a row"));
            }
            return readHead().flatMap(now -> appendAfter(now, batch, attemptsLeft - 1));
        });
    }

    private Uni<Head> readHead() {
        return db.query("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1").execute().map(rows -> {
            var row = rows.iterator().next();
            return new Head(row.getLong(0), row.getString(1).trim());
        });
    }

    /** The committed records, or null when the head was no longer {@code from}. */
    private Uni<List<AuditRecord>> tryAppend(Head from, List<AuditEntry> batch) {
        int n = batch.size();
        List<AuditRecord> records = new ArrayList<>(n);
        Long[] seqs = new Long[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] actorTypes = new String[n];
        String[] actorIds = new String[n];
        String[] actions = new String[n];
        String[] smeIds = new String[n];
        String[] resourceIds = new String[n];
        String[] details = new String[n];
        String[] prevHashes = new String[n];
        String[] hashes = new String[n];
        long seq = from.seq();
        String hash = from.hash();
        for (int i = 0; i < n; i++) {
            AuditRecord r = AuditRecord.chain(seq, hash, clock.instant(), batch.get(i));
            records.add(r);
            seqs[i] = r.seq();
            times[i] = r.occurredAt().atOffset(ZoneOffset.UTC);
            actorTypes[i] = r.actorType();
            actorIds[i] = r.actorId();
            actions[i] = r.action();
            smeIds[i] = r.smeId();
            resourceIds[i] = r.resourceId();
            details[i] = r.details();
            prevHashes[i] = r.prevHash();
            hashes[i] = r.hash();
            seq = r.seq();
            hash = r.hash();
        }
        Head to = new Head(seq, hash);
        Tuple params = Tuple.of(to.seq(), to.hash(), from.seq(), from.hash())
                .addArrayOfLong(seqs).addArrayOfOffsetDateTime(times).addArrayOfString(actorTypes)
                .addArrayOfString(actorIds).addArrayOfString(actions).addArrayOfString(smeIds)
                .addArrayOfString(resourceIds).addArrayOfString(details).addArrayOfString(prevHashes)
                .addArrayOfString(hashes);
        return db.preparedQuery(APPEND).execute(params).map(result -> {
            if (result.rowCount() != n) {
                return null;
            }
            knownHead = to;
            return records;
        });
    }

    private record Head(long seq, String hash) {
    }
}
