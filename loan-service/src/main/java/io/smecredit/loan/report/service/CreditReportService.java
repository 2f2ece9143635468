package io.smecredit.loan.report.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.ScoreReason;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.audit.domain.DisclosureBasis;
import io.smecredit.loan.audit.service.AuditBatcher;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.ConsentGuard;
import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.common.GroupedCalls;
import io.smecredit.loan.common.Sql;
import io.smecredit.loan.report.domain.CreditReportContent;
import io.smecredit.loan.report.domain.FeatureSummary;
import io.smecredit.loan.report.domain.MonthlyScore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a bank may learn about an SME's creditworthiness: only with consent, and never without an audit record. */
@ApplicationScoped
public class CreditReportService {

    static final int MAX_REASONS = 4;
    static final int TREND_MONTHS = 12;
    private static final TypeReference<List<ScoreReason>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    /*
     * The reads of a whole batch of report requests in one round trip, the hottest query of the service. Per request
     * (in the order of $1/$2, one row each): its bank's valid 'credit-report' consent (never cached, so a revocation
     * counts on the very next request), whether a valid consent also grants 'features-summary', and, without a
     * consent, whether the SME is known at all (a score, or a consent that was ever valid, as in ConsentGuard; for the
     * audit record, the bank's answer is the same either way). Per SME, once, on the row of its first request that
     * holds a consent (the carrier): the latest score, its 12-month trend as arrays (the last score of each UTC month,
     * the window ending with the score's own as-of month so replayed history still shows a trend), and, if any request
     * of the batch for that SME holds 'features-summary', the latest feature vector. Nothing about an SME is read
     * unless a request holds a consent for it. Each month's last score is one backward probe of the history's primary
     * key (sme_id, as_of): reading a year's scores to keep twelve made the report's cost grow with the history.
     *
     * The text is sent compacted ({@link Sql#compact}): over 2,048 characters the client does not keep it prepared,
     * and every report was parsed and planned again, 1.3 of its 1.5 ms in PostgreSQL. For the same reason it is terse
     * (table aliases without AS, ::text rather than CAST, no spaces around ||).
     */
    static final String REPORTS = Sql.compact("""
            WITH r AS MATERIALIZED (
                SELECT q.pos, q.sme_id,
                    (SELECT c.id::text FROM consent c
                     WHERE c.bank_id = q.bank_id AND c.sme_id = q.sme_id AND c.status = 'valid'
                       AND c.expires_at > now() AND (','||c.scopes||',') LIKE '%,credit-report,%'
                     ORDER BY c.expires_at DESC LIMIT 1) AS consent_id,
                    EXISTS (SELECT 1 FROM consent c
                     WHERE c.bank_id = q.bank_id AND c.sme_id = q.sme_id AND c.status = 'valid'
                       AND c.expires_at > now() AND (','||c.scopes||',') LIKE '%,features-summary,%') AS fs
                FROM unnest($1::varchar[], $2::varchar[]) WITH ORDINALITY q(bank_id, sme_id, pos)),
            g AS (
                SELECT r.*, r.pos = min(r.pos) FILTER (WHERE r.consent_id IS NOT NULL) OVER w AS carrier,
                       bool_or(r.consent_id IS NOT NULL AND r.fs) OVER w AS any_fs
                FROM r WINDOW w AS (PARTITION BY r.sme_id))
            SELECT g.pos, g.consent_id, g.consent_id IS NOT NULL AND g.fs AS with_summary,
                   g.consent_id IS NULL AND (EXISTS (SELECT 1 FROM consent k WHERE k.sme_id = g.sme_id
                       AND k.valid_from IS NOT NULL)
                       OR EXISTS (SELECT 1 FROM sme_latest_score k WHERE k.sme_id = g.sme_id)) AS sme_known,
                   l.pd, l.score, l.grade, l.model_version, l.as_of, l.reasons, l.updated_at AS l_written,
                   t.months, t.scores, t.pds, t.grades, t.model_versions, f.features, f.as_of AS features_as_of,
                   f.updated_at AS f_written
            FROM g
            LEFT JOIN sme_latest_score l ON l.sme_id = g.sme_id AND g.carrier
            LEFT JOIN sme_latest_features f ON f.sme_id = l.sme_id AND g.any_fs
            LEFT JOIN LATERAL (
                SELECT array_agg(to_char(s.m, 'YYYY-MM') ORDER BY s.m) AS months, array_agg(h.score ORDER BY s.m) AS scores,
                       array_agg(h.pd ORDER BY s.m) AS pds, array_agg(h.grade ORDER BY s.m) AS grades,
                       array_agg(h.model_version ORDER BY s.m) AS model_versions
                FROM generate_series(0, 11) k,
                     LATERAL (SELECT date_trunc('month', l.as_of AT TIME ZONE 'UTC') - k * interval '1 month' AS m) s
                CROSS JOIN LATERAL (
                    SELECT h.score, h.pd, h.grade, h.model_version FROM sme_score_history h
                    WHERE h.sme_id = l.sme_id AND h.as_of >= s.m AT TIME ZONE 'UTC'
                      AND h.as_of < (s.m + interval '1 month') AT TIME ZONE 'UTC' AND h.as_of <= l.as_of
                    ORDER BY h.as_of DESC LIMIT 1) h) t ON true
            ORDER BY g.pos
            """);

    // Large enough that a batch is one round trip at any rate a service instance can answer; small enough that one
    // batch's rows stay a few hundred kilobytes.
    private static final int MAX_BATCH = 256;
    // A query this slow means the database is unreachable: fail the waiting requests rather than hold every later one.
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(CreditReportService.class);

    // About 10 KB each on the heap: tens of megabytes at most.
    private static final int MAX_SERVED = 2_000;

    private record BankSme(String bankId, String smeId) {
    }

    /** A report as served, the audit entry its reads record, and what it relied on. */
    private record Served(CreditReportContent report, AuditEntry entry, DisclosureBasis basis) {
    }

    /** One report request of a batch. */
    private record ReportRequest(Bank bank, String smeId) {
    }

    /**
     * What the batch found for one request: no consent (consentId null), a consent but no score yet (built null,
     * nothing to audit since nothing is disclosed), or the SME's report as built; and, for a denial or a report, its
     * audit entry and record.
     */
    private record ReportRead(String consentId, Built built, AuditEntry entry, Uni<AuditRecord> audited) {
    }

    /**
     * A report built from a carrier row and when the rows it shows were written, or why it could not be built (that
     * request fails, the others of the batch do not).
     */
    private record Built(CreditReportContent report, OffsetDateTime scoreWrittenAt, OffsetDateTime featuresWrittenAt,
                         RuntimeException unreadable) {
    }

    private final Pool db;
    private final AuditBatcher auditBatcher;
    private final ObjectMapper json;
    // A report whose caller has gone before its batch starts is neither read nor audited.
    private final GroupedCalls<ReportRequest, ReportRead> reads = new GroupedCalls<>("credit-report reads", MAX_BATCH,
            BATCH_TIMEOUT, true, this::readAll);
    private final DistributionSummary batchSize;
    // The last report served to a bank for an SME, by (bank, SME): answers the next read from memory when the audit
    // commit confirms its basis still holds.
    private final RecentAnswers<BankSme, Served> served;
    private final Counter readsFromMemory;
    private final Counter readsFromDatabase;

    public CreditReportService(Pool db, AuditBatcher auditBatcher, ObjectMapper json, MeterRegistry metrics, Clock clock,
                               @ConfigProperty(name = "loan.report.reuse-for") Duration reuseFor) {
        this.db = db;
        this.auditBatcher = auditBatcher;
        this.json = json;
        this.served = new RecentAnswers<>(MAX_SERVED, reuseFor, clock);
        this.batchSize = DistributionSummary.builder("loan.report.batch.requests")
                .description("Credit-report requests read together by one query")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.readsFromMemory = Counter.builder("loan.report.reads").tag("source", "memory")
                .description("Credit reports served: from memory once the audit commit confirmed their basis, or read "
                        + "from the database")
                .register(metrics);
        this.readsFromDatabase = Counter.builder("loan.report.reads").tag("source", "database")
                .description("Credit reports served: from memory once the audit commit confirmed their basis, or read "
                        + "from the database")
                .register(metrics);
    }

    /**
     * The report is answered only after its audit record is committed: if the record cannot be written, no report
     * leaves. The report last served to this bank for this SME is answered again from memory if the statement that
     * commits the new read's audit record finds, on its own snapshot taken after the request arrived, that the basis
     * still holds: the same consent still valid, the features-summary scope held or not as before, the SME's latest
     * score and features not written since (see {@link DisclosureBasis}). So a revocation, an expiry or a new score
     * counts on the very next request, as when reading from the database; what the check cannot see, a month's score
     * added to the history out of order, is picked up within {@code loan.report.reuse-for} of the database read. A
     * per-request database read would cost more than everything else a report does.
     * <p>
     * Otherwise the report is read from the database: requests arriving at the same time are read together, one query
     * per batch, and the batch's audit records are queued together so they share one group commit. A denial is
     * audited the same way (see {@link ConsentGuard#inTransaction}).
     */
    public Uni<CreditReportContent> reportFor(Bank bank, String smeId) {
        BankSme key = new BankSme(bank.id(), smeId);
        Served last = served.reusable(key);
        if (last == null) {
            return readFromDatabase(bank, smeId, key);
        }
        return auditBatcher.appendIfBasisHolds(last.entry(), last.basis()).flatMap(record -> {
            if (record != null) {
                readsFromMemory.increment();
                return Uni.createFrom().item(last.report());
            }
            served.forget(key, last);
            return readFromDatabase(bank, smeId, key);
        });
    }

    private Uni<CreditReportContent> readFromDatabase(Bank bank, String smeId, BankSme key) {
        return reads.call(new ReportRequest(bank, smeId)).flatMap(read -> {
            if (read.consentId() == null) {
                return ConsentGuard.denyOnceAudited(read.audited(), bank, smeId, ConsentScope.CREDIT_REPORT);
            }
            if (read.built() == null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND,
                        "No credit score has been computed yet for SME '" + smeId + "'."));
            }
            if (read.built().unreadable() != null) {
                return Uni.createFrom().failure(read.built().unreadable());
            }
            Built built = read.built();
            return read.audited().map(committed -> {
                readsFromDatabase.increment();
                served.remember(key, new Served(built.report(), read.entry(), basisOf(bank, read.consentId(), built)));
                return built.report();
            });
        });
    }

    private static DisclosureBasis basisOf(Bank bank, String consentId, Built built) {
        return new DisclosureBasis(consentId, bank.id(), built.report().smeId(),
                built.report().featuresSummary() != null, built.scoreWrittenAt(), built.featuresWrittenAt());
    }

    private Uni<List<ReportRead>> readAll(List<ReportRequest> batch) {
        batchSize.record(batch.size());
        String[] bankIds = new String[batch.size()];
        String[] smeIds = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            bankIds[i] = batch.get(i).bank().id();
            smeIds[i] = batch.get(i).smeId();
        }
        return db.preparedQuery(REPORTS).execute(Tuple.tuple().addArrayOfString(bankIds).addArrayOfString(smeIds))
                .map(rows -> readsOf(batch, inRequestOrder(batch.size(), rows)));
    }

    /** The rows by request; a row out of place would hand one request another's answer, so it fails the batch. */
    private static List<Row> inRequestOrder(int requests, RowSet<Row> rows) {
        List<Row> byRequest = new ArrayList<>(requests);
        for (Row row : rows) {
            if (row.getLong("pos") != byRequest.size() + 1) {
                throw new IllegalStateException("report row " + row.getLong("pos") + " came at place "
                        + (byRequest.size() + 1));
            }
            byRequest.add(row);
        }
        if (byRequest.size() != requests) {
            throw new IllegalStateException(requests + " report requests got " + byRequest.size() + " rows");
        }
        return byRequest;
    }

    private List<ReportRead> readsOf(List<ReportRequest> batch, List<Row> byRequest) {
        Map<String, Row> carriers = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (byRequest.get(i).getValue("score") != null) {
                carriers.put(batch.get(i).smeId(), byRequest.get(i));
            }
        }
        // Requests for the same SME share one report object per variant (with or without the features summary).
        Map<String, Built> built = new HashMap<>();
        String[] consentIds = new String[batch.size()];
        Built[] found = new Built[batch.size()];
        int[] entryOf = new int[batch.size()];
        List<AuditEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Row row = byRequest.get(i);
            ReportRequest request = batch.get(i);
            consentIds[i] = row.getString("consent_id");
            Row carrier = carriers.get(request.smeId());
            entryOf[i] = -1;
            if (consentIds[i] == null) {
                entryOf[i] = entries.size();
                entries.add(ConsentGuard.deniedEntry(request.bank(), request.smeId(), ConsentScope.CREDIT_REPORT,
                        Boolean.TRUE.equals(row.getBoolean("sme_known"))));
            } else if (carrier != null) {
                boolean withSummary = Boolean.TRUE.equals(row.getBoolean("with_summary"));
                found[i] = built.computeIfAbsent(request.smeId() + (withSummary ? "+summary" : ""),
                        ignored -> tryBuild(request.smeId(), carrier, withSummary));
                if (found[i].report() != null) {
                    entryOf[i] = entries.size();
                    entries.add(readEntry(request, consentIds[i], found[i].report()));
                }
            }
        }
        List<Uni<AuditRecord>> audited = auditBatcher.appendAll(entries);
        List<ReportRead> result = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            result.add(entryOf[i] < 0 ? new ReportRead(consentIds[i], found[i], null, null)
                    : new ReportRead(consentIds[i], found[i], entries.get(entryOf[i]), audited.get(entryOf[i])));
        }
        return result;
    }

    private Built tryBuild(String smeId, Row carrier, boolean withSummary) {
        try {
            return new Built(build(smeId, carrier, withSummary), carrier.getOffsetDateTime("l_written"),
                    withSummary ? carrier.getOffsetDateTime("f_written") : null, null);
        } catch (RuntimeException e) {
            LOG.errorf("The stored score of SME %s cannot be read: %s", smeId, e.toString());
            return new Built(null, null, null, e);
        }
    }

    private static AuditEntry readEntry(ReportRequest request, String consentId, CreditReportContent report) {
        return AuditEntry.byBank(request.bank().id(), "CREDIT_REPORT_READ", request.smeId(), consentId,
                "score=" + report.score() + "; pd=" + report.pd() + "; grade=" + report.grade() + "; modelVersion="
                        + report.modelVersion() + "; asOf=" + report.asOf() + "; featuresSummary="
                        + (report.featuresSummary() != null)
                        + (report.featuresSummary() != null ? "; featuresAsOf=" + report.featuresAsOf() : ""));
    }

    private CreditReportContent build(String smeId, Row carrier, boolean withSummary) {
        String[] months = carrier.getArrayOfStrings("months");
        List<MonthlyScore> trend = new ArrayList<>(TREND_MONTHS);
        if (months != null) {
            Integer[] scores = carrier.getArrayOfIntegers("scores");
            Double[] pds = carrier.getArrayOfDoubles("pds");
            String[] grades = carrier.getArrayOfStrings("grades");
            String[] versions = carrier.getArrayOfStrings("model_versions");
            for (int m = 0; m < months.length; m++) {
                trend.add(new MonthlyScore(months[m], scores[m], pds[m], grades[m], versions[m]));
            }
        }
        List<ScoreReason> reasons = reasonsOf(smeId, carrier.getString("reasons"));
        OffsetDateTime featuresAsOf = carrier.getOffsetDateTime("features_as_of");
        return new CreditReportContent(smeId, carrier.getInteger("score"), carrier.getDouble("pd"), carrier.getString("grade"),
                reasons, List.copyOf(trend), carrier.getString("model_version"),
                carrier.getOffsetDateTime("as_of").toInstant(),
                withSummary ? FeatureSummary.of(featuresOf(smeId, carrier.getString("features"))) : null,
                withSummary && featuresAsOf != null ? featuresAsOf.toInstant() : null);
    }

    private Map<String, Double> featuresOf(String smeId, String featuresJson) {
        if (featuresJson == null) {
            return null;
        }
        try {
            return json.readValue(featuresJson, FEATURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored features of " + smeId + " are not readable", e);
        }
    }

    private List<ScoreReason> reasonsOf(String smeId, String reasonsJson) {
        try {
            List<ScoreReason> all = json.readValue(reasonsJson, REASONS);
            return all.size() > MAX_REASONS ? List.copyOf(all.subList(0, MAX_REASONS)) : all;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored reasons of " + smeId + " are not readable", e);
        }
    }
}
