package io.smecredit.loan.audit.resource;

import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.common.ConsentGuard;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "Who did what with the SME's data, and when.")
public record AccessLogEntry(
        long seq,
        Instant at,
        @Schema(description = "bank, sme or operator", example = "bank") String actorType,
        @Schema(description = "Bank id, or the SME user", example = "bank-a") String actor,
        @Schema(example = "CREDIT_REPORT_READ") String action,
        @Schema(description = "Consent, application or alert concerned, if any; for a read of several alerts the first"
                + " and last (alerts:7..93), each of them listed in details") String resourceId,
        String details,
        @Schema(description = "True for an attempt that was refused (action ACCESS_DENIED): the bank asked for the "
                + "SME's data without a valid consent granting the needed scope, and received nothing.")
        boolean denied) {

    static AccessLogEntry of(AuditRecord r) {
        return new AccessLogEntry(r.seq(), r.occurredAt(), r.actorType(), r.actorId(), r.action(), r.resourceId(),
                r.details(), ConsentGuard.ACCESS_DENIED.equals(r.action()));
    }
}
