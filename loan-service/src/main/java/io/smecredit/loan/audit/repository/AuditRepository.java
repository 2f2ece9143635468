package io.smecredit.loan.audit.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.audit.domain.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** Native SQL on purpose: the chain's order and locking must be exactly what is written here. */
@ApplicationScoped
public class AuditRepository {

    private static final String COLUMNS =
            "seq, occurred_at, actor_type, actor_id, action, sme_id, resource_id, details, prev_hash, hash";

    /** Locks the chain head until the transaction ends: appends are serialised into one total order. */
    public Uni<Object[]> lockHead() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE", Object[].class)
                .getSingleResult());
    }

    public Uni<Object[]> head() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1", Object[].class)
                .getSingleResult());
    }

    public Uni<Void> insertAndAdvanceHead(AuditRecord r) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("INSERT INTO audit_log (" + COLUMNS + ") "
                                + "VALUES (:seq, :at, :actorType, :actorId, :action, :smeId, :resourceId, :details, "
                                + ":prevHash, :hash)")
                        .setParameter("seq", r.seq())
                        .setParameter("at", r.occurredAt().atOffset(ZoneOffset.UTC))
                        .setParameter("actorType", r.actorType())
                        .setParameter("actorId", r.actorId())
                        .setParameter("action", r.action())
                        .setParameter("smeId", r.smeId())
                        .setParameter("resourceId", r.resourceId())
                        .setParameter("details", r.details())
                        .setParameter("prevHash", r.prevHash())
                        .setParameter("hash", r.hash())
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery(
                                        "UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                                .setParameter("seq", r.seq())
                                .setParameter("hash", r.hash())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<List<AuditRecord>> batchAfter(long afterSeq, long upToSeq, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT " + COLUMNS
                                + " FROM audit_log WHERE seq > :after AND seq <= :upTo ORDER BY seq LIMIT :limit",
                                Object[].class)
                        .setParameter("after", afterSeq)
                        .setParameter("upTo", upToSeq)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(AuditRepository::toRecord).toList());
    }

    /** Newest first, only records older than {@code beforeSeq}. */
    public Uni<List<AuditRecord>> readsOfSme(String smeId, long beforeSeq, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT " + COLUMNS
                                + " FROM audit_log WHERE sme_id = :smeId AND seq < :before ORDER BY seq DESC LIMIT :limit",
                                Object[].class)
                        .setParameter("smeId", smeId)
                        .setParameter("before", beforeSeq)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(AuditRepository::toRecord).toList());
    }

    /** Newest first, only records older than {@code beforeSeq}; a null filter matches any value. */
    public Uni<List<AuditRecord>> records(String smeId, String actorId, String action, long beforeSeq, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT " + COLUMNS
                                + " FROM audit_log WHERE seq < :before"
                                + " AND (CAST(:smeId AS VARCHAR) IS NULL OR sme_id = CAST(:smeId AS VARCHAR))"
                                + " AND (CAST(:actor AS VARCHAR) IS NULL OR actor_id = CAST(:actor AS VARCHAR))"
                                + " AND (CAST(:action AS VARCHAR) IS NULL OR action = CAST(:action AS VARCHAR))"
                                + " ORDER BY seq DESC LIMIT :limit",
                                Object[].class)
                        .setParameter("before", beforeSeq)
                        .setParameter("smeId", smeId)
                        .setParameter("actor", actorId)
                        .setParameter("action", action)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(AuditRepository::toRecord).toList());
    }

    private static AuditRecord toRecord(Object[] row) {
        return new AuditRecord(((Number) row[0]).longValue(), toInstant(row[1]), (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9]);
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
