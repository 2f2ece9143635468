package io.smecredit.scoring.model.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smecredit.scoring.model.domain.ModelStatusChange;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ModelStatusChangeRepository implements PanacheRepository<ModelStatusChange> {

    public Uni<List<ModelStatusChange>> ofModel(String version) {
        return list("version", Sort.ascending("id"), version);
    }
}
