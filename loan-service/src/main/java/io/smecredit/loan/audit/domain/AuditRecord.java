package io.smecredit.loan.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** One link of the audit chain. Its hash covers every field and the previous record's hash. */
public record AuditRecord(long seq, Instant occurredAt, String actorType, String actorId, String action,
                          String smeId, String resourceId, String details, String prevHash, String hash) {

    public static final String GENESIS_HASH = "0".repeat(64);

    /** Chains {@code entry} after the record with {@code prevSeq} and {@code prevHash}. */
    public static AuditRecord chain(long prevSeq, String prevHash, Instant now, AuditEntry entry) {
        // PostgreSQL keeps microseconds: hash exactly what will be read back.
        Instant occurredAt = now.truncatedTo(ChronoUnit.MICROS);
        long seq = prevSeq + 1;
        String hash = hashOf(seq, occurredAt, entry.actorType(), entry.actorId(), entry.action(), entry.smeId(),
                entry.resourceId(), entry.details(), prevHash);
        return new AuditRecord(seq, occurredAt, entry.actorType(), entry.actorId(), entry.action(), entry.smeId(),
                entry.resourceId(), entry.details(), prevHash, hash);
    }

    /** The hash this record should have given its contents. */
    public String expectedHash() {
        return hashOf(seq, occurredAt, actorType, actorId, action, smeId, resourceId, details, prevHash);
    }

    static String hashOf(long seq, Instant occurredAt, String actorType, String actorId, String action, String smeId,
                         String resourceId, String details, String prevHash) {
        // Length-prefixed fields: no choice of field values can make two different records serialise alike.
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[]{Long.toString(seq), occurredAt.toString(), actorType, actorId, action,
                smeId, resourceId, details, prevHash}) {
            String value = field == null ? "" : field;
            canonical.append(field == null ? -1 : value.length()).append(':').append(value).append('|');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
