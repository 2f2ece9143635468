package io.smecredit.loan.audit.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.audit.domain.AuditUnavailable;
import io.smecredit.loan.audit.domain.DisclosureBasis;
import io.smecredit.loan.common.GroupedCalls;
import io.smecredit.loan.common.Sql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /*
     * The head moves only if it is still where this writer left it and every entry's disclosure basis (if it has one)
     * still holds; the insert happens only if the head moved. All of it is one statement, so it commits together or
     * not at all, on one snapshot taken after every entry of the batch was queued: a revocation or a new score
     * committed before a read was queued is seen. The head row's lock orders this writer with AuditLog#append, which
     * takes the same row FOR UPDATE. Each distinct basis is checked once ($15-$20), however many entries share it;
     * the answer names the bases that failed. Sent compacted ({@link Sql#compact}) so that it stays prepared.
     */
    static final String APPEND = Sql.compact("""
            WITH failed AS (SELECT b.no FROM unnest($15::varchar[], $16::varchar[], $17::varchar[], $18::boolean[],
                $19::timestamptz[], $20::timestamptz[]) WITH ORDINALITY AS b(consent_id, bank_id, sme_id, summary,
                score_written_at, features_written_at, no)
              WHERE NOT (
                EXISTS (SELECT 1 FROM consent c WHERE c.id = CAST(b.consent_id AS uuid) AND c.bank_id = b.bank_id
                  AND c.sme_id = b.sme_id AND c.status = 'valid' AND c.expires_at > now()
                  AND (',' || c.scopes || ',') LIKE '%,credit-report,%')
                AND b.summary = EXISTS (SELECT 1 FROM consent c WHERE c.bank_id = b.bank_id AND c.sme_id = b.sme_id
                  AND c.status = 'valid' AND c.expires_at > now()
                  AND (',' || c.scopes || ',') LIKE '%,features-summary,%')
                AND EXISTS (SELECT 1 FROM sme_latest_score l WHERE l.sme_id = b.sme_id
                  AND l.updated_at = b.score_written_at)
                AND (NOT b.summary OR (SELECT f.updated_at FROM sme_latest_features f WHERE f.sme_id = b.sme_id)
                  IS NOT DISTINCT FROM b.features_written_at))),
            advanced AS (UPDATE audit_chain_head SET last_seq = $1, last_hash = $2
              WHERE id = 1 AND last_seq = $3 AND last_hash = $4 AND NOT EXISTS (SELECT 1 FROM failed) RETURNING 1),
            inserted AS (INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, action, sme_id, resource_id,
                details, prev_hash, hash)
              SELECT * FROM unnest($5::bigint[], $6::timestamptz[], $7::varchar[], $8::varchar[], $9::varchar[],
                $10::varchar[], $11::varchar[], $12::text[], $13::char(64)[], $14::char(64)[])
              WHERE EXISTS (SELECT 1 FROM advanced) RETURNING 1)
            SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT array_agg(no) FROM failed) AS failed
            """);

    private final Pool db;
    private final Clock clock;
    // Never drops a call whose caller has gone: the record of a read must be written even if the answer was not.
    private final GroupedCalls<Append, AuditRecord> groupCommit = new GroupedCalls<>("audit group commit",
            MAX_BATCH, BATCH_TIMEOUT, false, this::write);
    // Where this writer's last commit left the chain; only the single active writer reads or sets it.
    private volatile Head knownHead;
    // How well group commit works under load: records per commit, and how long one commit cycle takes.
    private final DistributionSummary batchSize;
    private final Timer batchWrite;
    private final Counter staleHeads;
    private final Counter failedBases;

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
        this.failedBases = Counter.builder("loan.audit.batch.failed.basis")
                .description("Reads left unrecorded because their disclosure basis no longer held at commit")
                .register(metrics);
    }

    /** Completes once the record is committed in the chain; fails with {@link AuditUnavailable} if it cannot be. */
    public Uni<AuditRecord> append(AuditEntry entry) {
        return groupCommit.call(new Append(entry, null)).onFailure().transform(AuditUnavailable::of);
    }

    /** Queues the entries together, so they share a commit; each Uni completes once its record is committed. */
    public List<Uni<AuditRecord>> appendAll(List<AuditEntry> entries) {
        return groupCommit.callAll(entries.stream().map(entry -> new Append(entry, null)).toList()).stream()
                .map(record -> record.onFailure().transform(AuditUnavailable::of)).toList();
    }

    /**
     * Records a read only if its basis still holds when the record is committed: completes with the committed record,
     * or with null (nothing recorded) when the basis no longer held; fails with {@link AuditUnavailable} if the record
     * cannot be written.
     */
    public Uni<AuditRecord> appendIfBasisHolds(AuditEntry entry, DisclosureBasis basis) {
        return groupCommit.call(new Append(entry, basis)).onFailure().transform(AuditUnavailable::of);
    }

    /**
     * One statement, committed on its own: advance the head from where this writer last left it and insert the batch,
     * or do neither. One round trip per group commit instead of four (begin, lock the head, insert and update, commit)
     * matters because each round trip waits its turn on an event loop that is busy serving the reads themselves. If
     * another writer moved the head meanwhile (a decision appended in its own transaction, another instance), the
     * guard matches nothing, nothing is inserted, and the batch is chained again after the head as it now is. If some
     * entries' bases failed, nothing is inserted either: those entries answer null and the rest are chained again.
     */
    private Uni<List<AuditRecord>> write(List<Append> batch) {
        batchSize.record(batch.size());
        long started = System.nanoTime();
        Uni<Head> head = knownHead != null ? Uni.createFrom().item(knownHead) : readHead();
        AuditRecord[] committed = new AuditRecord[batch.size()];
        List<Integer> pending = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            pending.add(i);
        }
        return head.flatMap(from -> appendAfter(from, batch, pending, committed, MAX_ATTEMPTS))
                .map(ignored -> Arrays.asList(committed))
                .onFailure().invoke(failure -> {
                    // Logged once per batch; each waiting call fails with AuditUnavailable.
                    LOG.warnf("%d audit record(s) could not be committed: %s", batch.size(), failure.toString());
                    knownHead = null;
                })
                .onTermination().invoke(() -> batchWrite.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** Commits the {@code pending} entries of the batch into {@code committed}; those whose basis failed stay null. */
    private Uni<Void> appendAfter(Head from, List<Append> batch, List<Integer> pending, AuditRecord[] committed,
                                  int attemptsLeft) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tryAppend(from, batch, pending, committed).flatMap(failed -> {
            if (failed == null) {
                return Uni.createFrom().voidItem();
            }
            if (!failed.isEmpty()) {
                failedBases.increment(failed.size());
                List<Integer> rest = new ArrayList<>(pending);
                rest.removeAll(failed);
                // Nothing was inserted, so the head is still the one to follow. Not counted as an attempt: each such
                // retry has fewer entries, so they end.
                return appendAfter(from, batch, rest, committed, attemptsLeft);
            }
            if (attemptsLeft <= 1) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "the audit chain head moved under the batch writer " + MAX_ATTEMPTS + " times in a row"));
            }
            staleHeads.increment();
            return readHead().flatMap(now -> appendAfter(now, batch, pending, committed, attemptsLeft - 1));
        });
    }

    private Uni<Head> readHead() {
        return db.query("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1").execute().map(rows -> {
            var row = rows.iterator().next();
            return new Head(row.getLong(0), row.getString(1).trim());
        });
    }

    /**
     * Null when the pending entries were committed (their records set in {@code committed}); otherwise nothing was
     * committed, and the answer is the batch indices whose basis failed, or empty when the head was no longer
     * {@code from}.
     */
    private Uni<List<Integer>> tryAppend(Head from, List<Append> batch, List<Integer> pending,
                                         AuditRecord[] committed) {
        int n = pending.size();
        AuditRecord[] records = new AuditRecord[n];
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
        // Distinct bases in order of first use; basis number k is position k + 1 in the statement's arrays.
        Map<DisclosureBasis, Integer> bases = new LinkedHashMap<>();
        int[] basisOf = new int[n];
        long seq = from.seq();
        String hash = from.hash();
        for (int i = 0; i < n; i++) {
            Append append = batch.get(pending.get(i));
            AuditRecord r = AuditRecord.chain(seq, hash, clock.instant(), append.entry());
            records[i] = r;
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
            basisOf[i] = append.basis() == null ? 0
                    : bases.computeIfAbsent(append.basis(), ignored -> bases.size() + 1);
            seq = r.seq();
            hash = r.hash();
        }
        Head to = new Head(seq, hash);
        int distinct = bases.size();
        String[] basisConsents = new String[distinct];
        String[] basisBanks = new String[distinct];
        String[] basisSmes = new String[distinct];
        Boolean[] basisSummaries = new Boolean[distinct];
        OffsetDateTime[] basisScores = new OffsetDateTime[distinct];
        OffsetDateTime[] basisFeatures = new OffsetDateTime[distinct];
        bases.forEach((basis, number) -> {
            basisConsents[number - 1] = basis.consentId();
            basisBanks[number - 1] = basis.bankId();
            basisSmes[number - 1] = basis.smeId();
            basisSummaries[number - 1] = basis.withFeaturesSummary();
            basisScores[number - 1] = basis.scoreWrittenAt();
            basisFeatures[number - 1] = basis.featuresWrittenAt();
        });
        Tuple params = Tuple.of(to.seq(), to.hash(), from.seq(), from.hash())
                .addArrayOfLong(seqs).addArrayOfOffsetDateTime(times).addArrayOfString(actorTypes)
                .addArrayOfString(actorIds).addArrayOfString(actions).addArrayOfString(smeIds)
                .addArrayOfString(resourceIds).addArrayOfString(details).addArrayOfString(prevHashes)
                .addArrayOfString(hashes).addArrayOfString(basisConsents).addArrayOfString(basisBanks)
                .addArrayOfString(basisSmes).addArrayOfBoolean(basisSummaries).addArrayOfOffsetDateTime(basisScores)
                .addArrayOfOffsetDateTime(basisFeatures);
        return db.preparedQuery(APPEND).execute(params).map(result -> {
            Row row = result.iterator().next();
            if (row.getLong("inserted") == n) {
                knownHead = to;
                for (int i = 0; i < n; i++) {
                    committed[pending.get(i)] = records[i];
                }
                return null;
            }
            Long[] failed = row.getArrayOfLongs("failed");
            Set<Integer> failedBases = new HashSet<>();
            if (failed != null) {
                for (Long number : failed) {
                    failedBases.add(number.intValue());
                }
            }
            List<Integer> failedIndices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (failedBases.contains(basisOf[i])) {
                    failedIndices.add(pending.get(i));
                }
            }
            return failedIndices;
        });
    }

    /** One entry to chain, and what must still hold for it to be recorded (null: nothing). */
    private record Append(AuditEntry entry, DisclosureBasis basis) {
    }

    private record Head(long seq, String hash) {
    }
}
