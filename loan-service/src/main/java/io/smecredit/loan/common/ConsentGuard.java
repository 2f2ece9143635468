package io.smecredit.loan.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.audit.service.AuditBatcher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The check in front of every bank request that touches an SME. It reads the consent table on every call, with no
 * cache, so a revocation or an expiry takes effect on the very next request. The denial never says whether the SME
 * exists or why there is no consent, so a bank cannot probe for SMEs or for other banks' relationships.
 * <p>
 * Every denial is written to the audit chain before the 403 leaves. It names the SME (so the SME sees the attempt in
 * its access log) only when this service knows the SME — it has a score or a consent row; an attempt on an unknown id
 * is kept for operators with the id in the details only, so an SME onboarded later never inherits someone's probing.
 */
@ApplicationScoped
public class ConsentGuard {

    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    private static final Logger LOG = Logger.getLogger(ConsentGuard.class);

    // The "known" flag is evaluated only when there is no consent (AND short-circuits), so allowed calls pay nothing.
    private static final String VALID_CONSENT = """
            WITH granted AS (
                SELECT id FROM consent
                WHERE bank_id = :bankId AND sme_id = :smeId AND status = 'valid' AND expires_at > now()
                  AND (',' || scopes || ',') LIKE :scopePattern
                ORDER BY expires_at DESC
                LIMIT 1)
            SELECT CAST((SELECT id FROM granted) AS VARCHAR),
                   NOT EXISTS (SELECT 1 FROM granted)
                   AND (EXISTS (SELECT 1 FROM consent k WHERE k.sme_id = :smeId)
                        OR EXISTS (SELECT 1 FROM sme_latest_score s WHERE s.sme_id = :smeId))
            """;

    private final AuditBatcher auditBatcher;

    public ConsentGuard(AuditBatcher auditBatcher) {
        this.auditBatcher = auditBatcher;
    }

    /** Must run inside a Hibernate Reactive session. Emits the id of the consent that allows the access. */
    public Uni<UUID> require(Bank bank, String smeId, ConsentScope scope) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(VALID_CONSENT, Object[].class)
                        .setParameter("bankId", bank.id())
                        .setParameter("smeId", smeId)
                        .setParameter("scopePattern", "%," + scope.wireName() + ",%")
                        .getSingleResult())
                .flatMap(row -> row[0] != null
                        ? Uni.createFrom().item(UUID.fromString((String) row[0]))
                        : deny(bank, smeId, scope, Boolean.TRUE.equals(row[1])));
    }

    /**
     * Records the denied attempt, then fails with the one denial every bank gets. The record is committed (group
     * commit) before the answer, as for reads; if it cannot be written the bank still gets the same 403, since
     * nothing was disclosed, and the failure is logged.
     */
    public <T> Uni<T> deny(Bank bank, String smeId, ConsentScope scope, boolean smeKnown) {
        return denyOnceAudited(auditBatcher.append(deniedEntry(bank, smeId, scope, smeKnown)), bank, smeId, scope);
    }

    /** The audit record of a denied attempt; see {@link #deny}. */
    public static AuditEntry deniedEntry(Bank bank, String smeId, ConsentScope scope, boolean smeKnown) {
        return AuditEntry.byBank(bank.id(), ACCESS_DENIED, smeKnown ? smeId : null, null,
                "scope=" + scope.wireName() + "; smeId=" + smeId + (smeKnown ? "" : " (unknown SME)"));
    }

    /** Fails with the one denial once the attempt's record is committed or could not be (logged); see {@link #deny}. */
    public static <T> Uni<T> denyOnceAudited(Uni<AuditRecord> audited, Bank bank, String smeId, ConsentScope scope) {
        // Throwing from onItemOrFailure on a failure would fail with both (a CompositeException, a 500): recover first.
        return audited
                .onFailure().invoke(e -> LOG.warnf("Denied access of %s to %s could not be audited: %s", bank.id(),
                        smeId, e.toString()))
                .onFailure().recoverWithNull()
                .onItem().transformToUni(ignored -> Uni.createFrom().failure(denied(scope)));
    }

    public static ProblemException denied(ConsentScope scope) {
        return new ProblemException(ProblemType.FORBIDDEN,
                "No valid consent of this SME grants your bank the '" + scope.wireName() + "' scope.");
    }
}
