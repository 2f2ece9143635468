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
import java.util.function.Supplier;

/**
 * The check in front of every bank request that touches an SME. It reads the consent table on every call, with no
 * cache, so a revocation or an expiry takes effect on the very next request. The denial never says whether the SME
 * exists or why there is no consent, so a bank cannot probe for SMEs or for other banks' relationships.
 * <p>
 * Every denial is written to the audit chain before the 403 leaves. It names the SME (so the SME sees the attempt in
 * its access log) only when this service knows the SME — it has a score or a consent that was valid at some time
 * ({@code valid_from} set: approved by the SME or granted by it). A consent request alone does not count: any bank can
 * file one for any id, so counting it let a bank file another's probing of an unknown id under that id. An attempt on
 * an unknown id is kept for operators with the id in the details only, so an SME onboarded later never inherits
 * someone's probing. {@code CreditReportService.REPORTS} decides "known" the same way.
 * <p>
 * The denial's record is committed by the audit group commit ({@link AuditBatcher}), which takes a connection of its
 * own from the same pool the Hibernate Reactive sessions use. So a denial is decided inside the caller's transaction
 * but audited only after that transaction has ended ({@link #inTransaction}): a request waiting for the group commit
 * while holding a pooled connection would, with as many denied requests as the pool has connections, leave the group
 * commit no connection to write with, and every request would wait for its timeout.
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
                   AND (EXISTS (SELECT 1 FROM consent k WHERE k.sme_id = :smeId AND k.valid_from IS NOT NULL)
                        OR EXISTS (SELECT 1 FROM sme_latest_score s WHERE s.sme_id = :smeId))
            """;

    private static final String HOLDS = """
            SELECT EXISTS (SELECT 1 FROM consent
                WHERE bank_id = :bankId AND sme_id = :smeId AND status = 'valid' AND expires_at > now()
                  AND (',' || scopes || ',') LIKE :scopePattern)
            """;

    private final AuditBatcher auditBatcher;

    public ConsentGuard(AuditBatcher auditBatcher) {
        this.auditBatcher = auditBatcher;
    }

    /**
     * Must run inside a Hibernate Reactive session opened by {@link #inTransaction}. Emits the id of the consent that
     * allows the access; without one, fails with a denial that {@link #inTransaction} audits and answers once the
     * session has ended.
     */
    public Uni<UUID> require(Bank bank, String smeId, ConsentScope scope) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(VALID_CONSENT, Object[].class)
                        .setParameter("bankId", bank.id())
                        .setParameter("smeId", smeId)
                        .setParameter("scopePattern", "%," + scope.wireName() + ",%")
                        .getSingleResult())
                .flatMap(row -> row[0] != null
                        ? Uni.createFrom().item(UUID.fromString((String) row[0]))
                        : Uni.createFrom().failure(new Denied(bank, smeId, scope, Boolean.TRUE.equals(row[1]))));
    }

    /**
     * Whether the bank holds, now, a valid consent of the SME that grants {@code scope}: for a part of an answer that
     * the scope adds to one {@link #require} already allowed, so not holding it is neither a denial nor audited. Read
     * on every call, like {@link #require}; must run inside a Hibernate Reactive session.
     */
    public Uni<Boolean> holds(Bank bank, String smeId, ConsentScope scope) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(HOLDS, Boolean.class)
                .setParameter("bankId", bank.id())
                .setParameter("smeId", smeId)
                .setParameter("scopePattern", "%," + scope.wireName() + ",%")
                .getSingleResult());
    }

    /**
     * Runs {@code work} in a transaction of its own, in which {@link #require} may deny. A denial rolls the transaction
     * back and closes its session, so its connection is back in the pool; only then is the attempt recorded (group
     * commit), and once the record is committed (or could not be, logged) the one denial every bank gets is answered.
     * Must not be called inside a session: the work would join it, and its connection would stay held meanwhile.
     */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).onFailure(Denied.class).recoverWithUni(failure -> {
            Denied denied = (Denied) failure;
            return denyOnceAudited(auditBatcher.append(deniedEntry(denied.bank, denied.smeId, denied.scope,
                    denied.smeKnown)), denied.bank, denied.smeId, denied.scope);
        });
    }

    /** The audit record of a denied attempt; see {@link #inTransaction}. */
    public static AuditEntry deniedEntry(Bank bank, String smeId, ConsentScope scope, boolean smeKnown) {
        return AuditEntry.byBank(bank.id(), ACCESS_DENIED, smeKnown ? smeId : null, null,
                "scope=" + scope.wireName() + "; smeId=" + smeId + (smeKnown ? "" : " (unknown SME)"));
    }

    /**
     * Fails with the one denial once the attempt's record is committed or could not be (logged); see
     * {@link #inTransaction}.
     */
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

    /**
     * A denial decided in a transaction, answered by {@link #inTransaction} after it. Deliberately not a
     * {@link ProblemException}: a caller that forgot {@link #inTransaction} fails loudly (500) instead of answering a
     * 403 whose attempt was never recorded.
     */
    private static final class Denied extends RuntimeException {
        private final transient Bank bank;
        private final String smeId;
        private final ConsentScope scope;
        private final boolean smeKnown;

        Denied(Bank bank, String smeId, ConsentScope scope, boolean smeKnown) {
            super("access of " + bank.id() + " to " + smeId + " denied (to be audited and answered after its "
                    + "transaction)", null, false, false);
            this.bank = bank;
            this.smeId = smeId;
            this.scope = scope;
            this.smeKnown = smeKnown;
        }
    }
}
