package io.smecredit.ingestion.registry.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smecredit.ingestion.registry.domain.Sme;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SmeRepository implements PanacheRepositoryBase<Sme, String> {
}
