package io.smecredit.loan.consent.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.consent.domain.Consent;
import io.smecredit.loan.consent.domain.ConsentListFilter;
import io.smecredit.loan.consent.domain.ConsentStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {

    /**
     * One page of a bank's consents, newest first (ties by id, so the order is total and a page boundary never
     * skips or repeats a consent). The status is matched as of {@code now} by the rule of {@link Consent#statusAt}:
     * expired is never stored, it is a received or valid consent past its expiry.
     *
     * @param after the consent that ended the previous page, or null for the first page
     */
    public Uni<List<Consent>> pageOfBank(String bankId, ConsentListFilter filter, Consent after, Instant now) {
        StringBuilder where = new StringBuilder("bankId = :bank");
        Parameters parameters = Parameters.with("bank", bankId);
        if (filter.smeId() != null) {
            where.append(" and smeId = :sme");
            parameters.and("sme", filter.smeId());
        }
        ConsentStatus status = filter.status();
        if (status == ConsentStatus.EXPIRED) {
            where.append(" and status in ('received', 'valid') and expiresAt <= :now");
            parameters.and("now", now);
        } else if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status.wireName());
            if (status == ConsentStatus.RECEIVED || status == ConsentStatus.VALID) {
                where.append(" and expiresAt > :now");
                parameters.and("now", now);
            }
        }
        if (after != null) {
            where.append(" and (createdAt < :afterCreated or (createdAt = :afterCreated and id < :afterId))");
            parameters.and("afterCreated", after.createdAt()).and("afterId", after.id());
        }
        return find(where + " order by createdAt desc, id desc", parameters).range(0, filter.limit() - 1).list();
    }

    /** The bank's own consent with this id, or null (another bank's consent is as unknown as a missing one). */
    public Uni<Consent> ofBankById(String bankId, UUID id) {
        return find("id = ?1 and bankId = ?2", id, bankId).firstResult();
    }

    public Uni<List<Consent>> ofSme(String smeId) {
        return list("smeId = ?1 order by createdAt desc", smeId);
    }
}
