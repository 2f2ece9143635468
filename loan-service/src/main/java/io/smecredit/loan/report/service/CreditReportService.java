package io.smecredit.loan.report.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.ScoreReason;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smecredit.loan.audit.service.AuditBatcher;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.ConsentGuard;
import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.report.domain.FeatureSummary;
import io.smecredit.loan.report.domain.LatestScore;
import io.smecredit.loan.report.repository.LatestScoreRepository;
import io.smecredit.loan.report.resource.CreditReport;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/** What a bank may learn about an SME's creditworthiness: only with consent, and never without an audit record. */
@ApplicationScoped
public class CreditReportService {

    static final int MAX_REASONS = 4;
    static final int TREND_MONTHS = 12;
    private static final TypeReference<List<ScoreReason>> REASONS = new TypeReference<>() {
    };

    private final LatestScoreRepository repository;
    private final ConsentGuard consents;
    private final AuditBatcher auditBatcher;
    private final ObjectMapper json;

    public CreditReportService(LatestScoreRepository repository, ConsentGuard consents, AuditBatcher auditBatcher,
                               ObjectMapper json) {
        this.repository = repository;
        this.consents = consents;
        this.auditBatcher = auditBatcher;
        this.json = json;
    }

    /**
     * The report is answered only after its audit record is committed: if the record cannot be written, no report
     * leaves. The record goes through the group-commit batcher, since this is the hottest read.
     */
    public Uni<CreditReport> reportFor(Bank bank, String smeId) {
        record Read(CreditReport report, java.util.UUID consentId) {
        }
        return Panache.withSession(() -> read(bank, smeId, Read::new))
                .flatMap(read -> auditBatcher.append(AuditEntry.byBank(bank.id(), "CREDIT_REPORT_READ", smeId,
                                read.consentId().toString(), "score=" + read.report().score() + "; modelVersion="
                                        + read.report().modelVersion() + "; asOf=" + read.report().asOf()
                                        + "; featuresSummary=" + (read.report().featuresSummary() != null)))
                        .replaceWith(read.report()));
    }

    private <T> Uni<T> read(Bank bank, String smeId,
                            java.util.function.BiFunction<CreditReport, java.util.UUID, T> result) {
        return consents.require(bank, smeId, ConsentScope.CREDIT_REPORT).flatMap(consentId -> repository
                .findById(smeId)
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "No credit score has been computed yet for SME '" + smeId + "'."))
                .flatMap(score -> consents.has(bank.id(), smeId, ConsentScope.FEATURES_SUMMARY)
                        .flatMap(summaryConsent -> trendOf(score)
                                .map(trend -> build(score, trend, summaryConsent != null))))
                .map(report -> result.apply(report, consentId)));
    }

    private Uni<List<io.smecredit.loan.report.domain.MonthlyScore>> trendOf(LatestScore score) {
        // Relative to the score's own as-of month rather than today, so a report on replayed history still shows a trend.
        Instant from = YearMonth.from(score.asOf().atZone(ZoneOffset.UTC)).minusMonths(TREND_MONTHS - 1L)
                .atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return repository.monthlyTrend(score.smeId(), from, score.asOf());
    }

    private CreditReport build(LatestScore score, List<io.smecredit.loan.report.domain.MonthlyScore> trend,
                               boolean withFeaturesSummary) {
        List<ScoreReason> reasons = reasonsOf(score);
        return new CreditReport(score.smeId(), score.score(), score.pd(), score.grade(), reasons, trend,
                score.modelVersion(), score.asOf(),
                withFeaturesSummary ? reasons.stream().map(FeatureSummary::of).toList() : null);
    }

    private List<ScoreReason> reasonsOf(LatestScore score) {
        try {
            List<ScoreReason> all = json.readValue(score.reasonsJson(), REASONS);
            return all.size() > MAX_REASONS ? List.copyOf(all.subList(0, MAX_REASONS)) : all;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored reasons of " + score.smeId() + " are not readable", e);
        }
    }
}
