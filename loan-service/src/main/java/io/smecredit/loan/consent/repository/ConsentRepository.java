package io.smecredit.loan.consent.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.consent.domain.Consent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {

    public Uni<List<Consent>> ofBank(String bankId) {
        return list("bankId = ?1 order by createdAt desc", bankId);
    }

    public Uni<List<Consent>> ofBankAndSme(String bankId, String smeId) {
        return list("bankId = ?1 and smeId = ?2 order by createdAt desc", bankId, smeId);
    }

    public Uni<List<Consent>> ofSme(String smeId) {
        return list("smeId = ?1 order by createdAt desc", smeId);
    }
}
