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
        @Schema(description = "What is wrong with it.") String reason) {

    static ChainReport of(ChainVerification v) {
        return new ChainReport(v.intact(), v.checked(), v.firstBrokenSeq(), v.reason());
    }
}
