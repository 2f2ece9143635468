package io.smecredit.loan.application.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.application.domain.ApplicationListFilter;
import io.smecredit.loan.application.domain.CreditApplication;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CreditApplicationRepository implements PanacheRepositoryBase<CreditApplication, UUID> {

    /** A page of the bank's applications for one SME, newest first, older than {@code after} when given. */
    public Uni<List<CreditApplication>> pageOfBankAndSme(String bankId, ApplicationListFilter filter,
                                                         CreditApplication after) {
        String order = " order by createdAt desc, id desc";
        if (after == null) {
            return find("bankId = ?1 and smeId = ?2" + order, bankId, filter.smeId())
                    .range(0, filter.limit() - 1).list();
        }
        return find("bankId = ?1 and smeId = ?2 and (createdAt < ?3 or (createdAt = ?3 and id < ?4))" + order,
                bankId, filter.smeId(), after.createdAt(), after.id()).range(0, filter.limit() - 1).list();
    }

    /** The bank's own application for this SME with this id, or null. */
    public Uni<CreditApplication> ofBankAndSmeById(String bankId, String smeId, UUID id) {
        return find("id = ?1 and bankId = ?2 and smeId = ?3", id, bankId, smeId).firstResult();
    }
}
