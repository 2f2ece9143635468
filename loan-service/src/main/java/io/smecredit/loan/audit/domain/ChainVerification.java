package io.smecredit.loan.audit.domain;

import java.util.List;

/**
 * Walks the chain in sequence order and stops at the first record that does not fit: a gap in the sequence (a
 * deleted record), a previous-hash that does not match (a record removed or reordered), or a hash that does not
 * match the contents (a record edited).
 */
public final class ChainVerification {

    private final long headSeq;
    private final String headHash;
    private final ChainCheckpoint checkpoint;
    private long lastSeq;
    private String lastHash = AuditRecord.GENESIS_HASH;
    private long checked;
    private AuditRecord firstBroken;
    private Long truncatedAfter;
    private String reason;

    /**
     * A walk up to the chain's head as read when it starts (records appended meanwhile are checked next time), and
     * through the auditor's checkpoint when one is given (null: none).
     */
    public ChainVerification(long headSeq, String headHash, ChainCheckpoint checkpoint) {
        this.headSeq = headSeq;
        this.headHash = headHash;
        this.checkpoint = checkpoint;
    }

    /** Feeds the next batch in sequence order; returns false once a broken record was found. */
    public boolean accept(List<AuditRecord> batch) {
        for (AuditRecord record : batch) {
            if (firstBroken != null) {
                return false;
            }
            if (record.seq() != lastSeq + 1) {
                return broken(record, "sequence jumps from " + lastSeq + " to " + record.seq()
                        + ": records are missing");
            }
            if (!record.prevHash().equals(lastHash)) {
                return broken(record, "previous-hash does not match the hash of record " + lastSeq);
            }
            if (!record.hash().equals(record.expectedHash())) {
                return broken(record, "contents do not match the record's hash: the record was altered");
            }
            if (checkpoint != null && record.seq() == checkpoint.seq() && !record.hash().equals(checkpoint.hash())) {
                return broken(record, "the record no longer has the checkpoint's hash: the log was rewritten up to"
                        + " it, hashes included");
            }
            lastSeq = record.seq();
            lastHash = record.hash();
            checked++;
        }
        return firstBroken == null;
    }

    /**
     * After every record up to the head's sequence was accepted: the head must point at the last record, or records
     * were removed from the end.
     */
    public void acceptHead() {
        if (firstBroken == null && (headSeq != lastSeq || !headHash.equals(lastHash))) {
            reason = "chain head points at record " + headSeq + " but the log ends at record " + lastSeq;
            truncatedAfter = lastSeq;
        } else if (firstBroken == null && checkpoint != null && checkpoint.seq() > lastSeq) {
            reason = "the checkpoint names record " + checkpoint.seq() + " but the log ends at record " + lastSeq
                    + ": records were removed, head included";
            truncatedAfter = lastSeq;
        }
    }

    private boolean broken(AuditRecord record, String why) {
        firstBroken = record;
        reason = why;
        return false;
    }

    public boolean intact() {
        return firstBroken == null && truncatedAfter == null;
    }

    public long checked() {
        return checked;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** Sequence number of the first broken record; for a truncated log the first missing one. */
    public Long firstBrokenSeq() {
        if (firstBroken != null) {
            return firstBroken.seq();
        }
        return truncatedAfter == null ? null : truncatedAfter + 1;
    }

    public String reason() {
        return reason;
    }

    public long headSeq() {
        return headSeq;
    }

    public String headHash() {
        return headHash;
    }
}
