package io.smecredit.loan.audit.domain;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A (seq, hash) pair an auditor kept outside the database from an earlier verification. The chain alone shows edits
 * made without recomputing the hashes; someone able to write to the database can recompute them all. A checkpoint
 * kept elsewhere catches that: if the record at {@code seq} no longer has {@code hash}, history up to it was rewritten.
 */
public record ChainCheckpoint(long seq, String hash) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** Both parameters or neither (null: no checkpoint); every bad one is named in the same problem. */
    public static ChainCheckpoint of(String seq, String hash) {
        if (seq == null && hash == null) {
            return null;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        long parsedSeq = -1;
        if (seq == null) {
            errors.add(new Problem.FieldError("checkpointSeq", "is required with checkpointHash"));
        } else {
            try {
                parsedSeq = Long.parseLong(seq.strip());
            } catch (NumberFormatException e) {
                parsedSeq = -1;
            }
            if (parsedSeq < 1) {
                errors.add(new Problem.FieldError("checkpointSeq",
                        "must be a record's seq (a positive whole number), as an earlier verification's headSeq"));
            }
        }
        String normalisedHash = hash == null ? null : hash.strip().toLowerCase(java.util.Locale.ROOT);
        if (hash == null) {
            errors.add(new Problem.FieldError("checkpointHash", "is required with checkpointSeq"));
        } else if (!SHA_256_HEX.matcher(normalisedHash).matches()) {
            errors.add(new Problem.FieldError("checkpointHash",
                    "must be 64 hexadecimal characters, as an earlier verification's headHash"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "The checkpoint to verify against is not valid.", errors);
        }
        return new ChainCheckpoint(parsedSeq, normalisedHash);
    }
}
