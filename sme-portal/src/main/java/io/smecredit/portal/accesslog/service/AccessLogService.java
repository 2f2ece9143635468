package io.smecredit.portal.accesslog.service;

import io.smallrye.mutiny.Uni;
import io.smecredit.portal.accesslog.client.LoanAccessLogClient;
import io.smecredit.portal.accesslog.client.LoanAccessRecord;
import io.smecredit.portal.accesslog.domain.AccessDescriptions;
import io.smecredit.portal.accesslog.domain.AccessRecord;
import io.smecredit.portal.bank.BankDirectory;
import io.smecredit.portal.web.PortalActionFailed;
import io.smecredit.portal.web.ReadableErrors;
import io.smecredit.portal.accesslog.domain.AccessLogPage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Who read or otherwise used the owner's data and when, newest first. */
@ApplicationScoped
public class AccessLogService {

    private final LoanAccessLogClient loan;
    private final BankDirectory banks;
    private final int pageSize;

    public AccessLogService(@RestClient LoanAccessLogClient loan, BankDirectory banks,
                            @ConfigProperty(name = "portal.access-log.page-size") int pageSize) {
        this.loan = loan;
        this.banks = banks;
        this.pageSize = pageSize;
    }

    /**
     * One page, newest first: the latest records, or those older than {@code before} (a record's seq from the
     * previous page's {@link AccessLogPage#olderBefore()}). loan-service checks the cursor; a bad one comes back as
     * its readable error.
     */
    public Uni<AccessLogPage> page(String before) {
        return loan.list(before, pageSize)
                .map(records -> new AccessLogPage(AccessRecord.runs(records.stream()
                        .map(this::toRecord)
                        .sorted(Comparator.comparing(AccessRecord::at,
                                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed())
                        .toList()),
                        // A full page may have older records after it; a shorter one is the last.
                        records.size() == pageSize ? records.get(records.size() - 1).seq() : null,
                        before != null))
                .onFailure().transform(failure -> new PortalActionFailed(ReadableErrors.describe(failure), failure));
    }

    private AccessRecord toRecord(LoanAccessRecord wire) {
        boolean byBank = "bank".equals(wire.actorType());
        String who = AccessDescriptions.actor(wire.actorType(), wire.actor(),
                byBank ? banks.displayName(wire.actor(), null) : null);
        String what;
        if (byBank) {
            what = AccessDescriptions.action(wire.action());
        } else {
            String bank = AccessDescriptions.bankOf(wire.details());
            what = AccessDescriptions.ownerAction(wire.action(), bank == null ? null : banks.displayName(bank, null));
        }
        return AccessRecord.single(wire.at(), who, what, byBank);
    }
}
