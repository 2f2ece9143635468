package io.smecredit.loan.audit.resource;

import io.smecredit.loan.audit.domain.AuditRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "One record of the audit chain, with everything its hash covers, so it can be checked by hand:"
        + " hash = SHA-256 of the fields seq, occurredAt, actorType, actor, action, smeId, resourceId, details and"
        + " prevHash (occurredAt exactly as shown here), each written as its length in UTF-16 code units, ':', the"
        + " value and '|' (a null field as '-1:|'), the whole in UTF-8.")
public record AuditRecordView(
        long seq,
        Instant occurredAt,
        @Schema(description = "bank, sme or operator", example = "bank") String actorType,
        @Schema(description = "Bank id, SME user or operator", example = "bank-a") String actor,
        @Schema(example = "CREDIT_REPORT_READ") String action,
        @Schema(description = "The SME concerned, if any") String smeId,
        @Schema(description = "Consent, application or alert concerned, if any; for a read of several alerts the first"
                + " and last (alerts:7..93), each of them listed in details") String resourceId,
        String details,
        @Schema(description = "Hash of the record before it") String prevHash,
        String hash) {

    static AuditRecordView of(AuditRecord r) {
        return new AuditRecordView(r.seq(), r.occurredAt(), r.actorType(), r.actorId(), r.action(), r.smeId(),
                r.resourceId(), r.details(), r.prevHash(), r.hash());
    }
}
