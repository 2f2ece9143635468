package io.smecredit.loan.audit.domain;

/**
 * What happened, before it gets its place in the chain. {@code actorType} is bank, sme or operator;
 * {@code smeId} is set whenever the SME's data was read or its consent changed, so the SME can see it.
 */
public record AuditEntry(String actorType, String actorId, String action, String smeId, String resourceId,
                         String details) {

    public static AuditEntry byBank(String bankId, String action, String smeId, String resourceId, String details) {
        return new AuditEntry("bank", bankId, action, smeId, resourceId, details);
    }

    public static AuditEntry bySme(String user, String action, String smeId, String resourceId, String details) {
        return new AuditEntry("sme", user, action, smeId, resourceId, details);
    }

    public static AuditEntry byOperator(String user, String action, String details) {
        return new AuditEntry("operator", user, action, null, null, details);
    }
}
