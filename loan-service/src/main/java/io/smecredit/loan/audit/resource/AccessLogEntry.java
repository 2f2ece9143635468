package io.smecredit.loan.audit.resource;

import io.smecredit.loan.alert.delivery.WebhookDelivery;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.common.ConsentGuard;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Schema(description = "Who did what with the SME's data, and when.")
public record AccessLogEntry(
        long seq,
        Instant at,
        @Schema(description = "bank, sme or operator", example = "bank") String actorType,
        @Schema(description = "Bank id, or the SME user", example = "bank-a") String actor,
        @Schema(example = "CREDIT_REPORT_READ") String action,
        @Schema(description = "Consent, application or alert concerned, if any; for a read of several alerts the first"
                + " and last (alerts:7..93), each of them listed in details") String resourceId,
        @Schema(description = "What the record says about it. For a webhook delivery (WEBHOOK_DELIVERY) only the "
                + "attempt and its outcome (delivered, failed or refused), e.g. 'attempt=2; outcome=delivered': the "
                + "bank's server and its errors stay in the audit record, for operators.") String details,
        @Schema(description = "True for an attempt that was refused (action ACCESS_DENIED): the bank asked for the "
                + "SME's data without a valid consent granting the needed scope, and received nothing.")
        boolean denied) {

    // What WebhookDelivery records: "attempt=N; outcome=X; " then the bank's host and, for a failure, its error.
    private static final Pattern DELIVERY_ATTEMPT = Pattern.compile("(attempt=\\d+; outcome=[a-z]+)(;.*)?",
            Pattern.DOTALL);

    static AccessLogEntry of(AuditRecord r) {
        return new AccessLogEntry(r.seq(), r.occurredAt(), r.actorType(), r.actorId(), r.action(), r.resourceId(),
                shownToTheSme(r.action(), r.details()), ConsentGuard.ACCESS_DENIED.equals(r.action()));
    }

    /**
     * The details as the SME sees them. A webhook delivery's record names the bank's webhook host and the raw error
     * of a failed attempt: the bank's internal infrastructure, not the SME's business. The SME sees which attempt it
     * was and how it ended; anything else in such a record is left out rather than shown.
     */
    static String shownToTheSme(String action, String details) {
        if (!WebhookDelivery.AUDIT_ACTION.equals(action) || details == null) {
            return details;
        }
        Matcher attempt = DELIVERY_ATTEMPT.matcher(details);
        return attempt.matches() ? attempt.group(1) : null;
    }
}
