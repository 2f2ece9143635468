package io.smecredit.loan.application.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.application.domain.CreditOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CreditOutcomeRepository implements PanacheRepositoryBase<CreditOutcome, UUID> {

    public Uni<List<CreditOutcome>> historyOf(UUID applicationId) {
        return list("applicationId = ?1 order by recordedAt", applicationId);
    }
}
