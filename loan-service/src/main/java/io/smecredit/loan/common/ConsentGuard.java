package io.smecredit.loan.common;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The check in front of every bank request that touches an SME. It reads the consent table on every call, with no
 * cache, so a revocation or an expiry takes effect on the very next request. The denial never says whether the SME
 * exists or why there is no consent, so a bank cannot probe for SMEs or for other banks' relationships.
 */
@ApplicationScoped
public class ConsentGuard {

    private static final String VALID_CONSENT = """
            SELECT CAST(id AS VARCHAR) FROM consent
            WHERE bank_id = :bankId AND sme_id = :smeId AND status = 'valid' AND expires_at > now()
              AND (',' || scopes || ',') LIKE :scopePattern
            ORDER BY expires_at DESC
            LIMIT 1
            """;

    /** Must run inside a Hibernate Reactive session. Emits the id of the consent that allows the access. */
    public Uni<UUID> require(Bank bank, String smeId, ConsentScope scope) {
        return has(bank.id(), smeId, scope).map(consentId -> {
            if (consentId == null) {
                throw denied(scope);
            }
            return consentId;
        });
    }

    /** The id of a consent allowing {@code scope}, or null. Must run inside a Hibernate Reactive session. */
    public Uni<UUID> has(String bankId, String smeId, ConsentScope scope) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(VALID_CONSENT, String.class)
                        .setParameter("bankId", bankId)
                        .setParameter("smeId", smeId)
                        .setParameter("scopePattern", "%," + scope.wireName() + ",%")
                        .getResultList())
                .map(ids -> ids.isEmpty() ? null : UUID.fromString(ids.get(0)));
    }

    public static ProblemException denied(ConsentScope scope) {
        return new ProblemException(ProblemType.FORBIDDEN,
                "No valid consent of this SME grants your bank the '" + scope.wireName() + "' scope.");
    }
}
