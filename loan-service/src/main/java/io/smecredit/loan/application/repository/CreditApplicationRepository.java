package io.smecredit.loan.application.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.application.domain.CreditApplication;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CreditApplicationRepository implements PanacheRepositoryBase<CreditApplication, UUID> {

    /** The bank's applications for one SME, newest first, at most {@code limit}. */
    public Uni<List<CreditApplication>> ofBankAndSme(String bankId, String smeId, int limit) {
        return find("bankId = ?1 and smeId = ?2 order by createdAt desc, id", bankId, smeId).page(0, limit).list();
    }
}
