package io.smecredit.loan.application.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smecredit.loan.application.domain.CreditApplication;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class CreditApplicationRepository implements PanacheRepositoryBase<CreditApplication, UUID> {
}
