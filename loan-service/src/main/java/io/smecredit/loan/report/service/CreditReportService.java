package io.smecredit.loan.report.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.report.domain.LatestScore;
import io.smecredit.loan.report.repository.LatestScoreRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** What a bank may learn about an SME's creditworthiness. Consent checks will be added here. */
@ApplicationScoped
public class CreditReportService {

    private final LatestScoreRepository repository;

    public CreditReportService(LatestScoreRepository repository) {
        this.repository = repository;
    }

    @WithSession
    public Uni<LatestScore> latestScoreOf(String smeId) {
        return repository.findById(smeId)
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "No credit score has been computed yet for SME '" + smeId + "'."));
    }
}
