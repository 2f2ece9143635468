package io.smecredit.portal.accesslog.service;

import io.smallrye.mutiny.Uni;
import io.smecredit.portal.accesslog.client.LoanAccessLogClient;
import io.smecredit.portal.accesslog.client.LoanAccessRecord;
import io.smecredit.portal.accesslog.domain.AccessDescriptions;
import io.smecredit.portal.accesslog.domain.AccessRecord;
import io.smecredit.portal.bank.BankDirectory;
import io.smecredit.portal.web.PortalActionFailed;
import io.smecredit.portal.web.ReadableErrors;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Who read or otherwise used the owner's data and when, newest first. */
@ApplicationScoped
public class AccessLogService {

    private final LoanAccessLogClient loan;
    private final BankDirectory banks;

    public AccessLogService(@RestClient LoanAccessLogClient loan, BankDirectory banks) {
        this.loan = loan;
        this.banks = banks;
    }

    public Uni<List<AccessRecord>> recentActivity() {
        return loan.list()
                .map(records -> records.stream()
                        .map(this::toRecord)
                        .sorted(Comparator.comparing(AccessRecord::at,
                                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed())
                        .toList())
                .onFailure().transform(failure -> new PortalActionFailed(ReadableErrors.describe(failure), failure));
    }

    private AccessRecord toRecord(LoanAccessRecord wire) {
        boolean byBank = "bank".equals(wire.actorType());
        String who = AccessDescriptions.actor(wire.actorType(), wire.actor(),
                byBank ? banks.displayName(wire.actor(), null) : null);
        return new AccessRecord(wire.at(), who, AccessDescriptions.action(wire.action()), byBank);
    }
}
