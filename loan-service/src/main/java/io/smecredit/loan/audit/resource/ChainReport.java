package io.smecredit.loan.audit.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smecredit.loan.audit.domain.ChainVerification;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Result of recomputing the audit hash chain.")
public record ChainReport(
        @Schema(description = "True when every record matches its hash and links to its predecessor.") boolean intact,
        @Schema(description = "Records checked and found intact before the first broken one.") long recordsChecked,
        @Schema(description = "Sequence number of the first broken record (absent when intact).") Long firstBrokenSeq,
        @Schema(description = "What is wrong with it.") String reason,
        @Schema(description = "Sequence number of the chain's head the check ran up to (records appended while it ran"
                + " are checked next time).") long headSeq,
        @Schema(description = "Hash of the record at the head, as the head table states it. Keep (headSeq, headHash)"
                + " outside the database and pass them back as checkpointSeq and checkpointHash: the chain alone"
                + " cannot show a history rewritten with recomputed hashes by someone able to write to the"
                + " database; the checkpoint can.") String headHash) {

    static ChainReport of(ChainVerification v) {
        return new ChainReport(v.intact(), v.checked(), v.firstBrokenSeq(), v.reason(), v.headSeq(), v.headHash());
    }
}
