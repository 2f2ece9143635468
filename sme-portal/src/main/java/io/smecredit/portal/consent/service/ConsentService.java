package io.smecredit.portal.consent.service;

import io.smallrye.mutiny.Uni;
import io.smecredit.portal.bank.BankDirectory;
import io.smecredit.portal.consent.client.LoanConsent;
import io.smecredit.portal.consent.client.LoanConsentsClient;
import io.smecredit.portal.consent.client.NewConsent;
import io.smecredit.portal.consent.domain.Consent;
import io.smecredit.portal.consent.domain.ConsentBoard;
import io.smecredit.portal.consent.domain.ConsentStatus;
import io.smecredit.portal.consent.domain.Grant;
import io.smecredit.portal.consent.domain.Scope;
import io.smecredit.portal.web.PortalActionFailed;
import io.smecredit.portal.web.ReadableErrors;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.util.Optional;

/** The owner's consent use cases; loan-service holds the consents and enforces every rule. */
@ApplicationScoped
public class ConsentService {

    private final LoanConsentsClient loan;
    private final BankDirectory banks;
    private final Clock clock;

    public ConsentService(@RestClient LoanConsentsClient loan, BankDirectory banks, Clock clock) {
        this.loan = loan;
        this.banks = banks;
        this.clock = clock;
    }

    public Uni<ConsentBoard> board() {
        return loan.list()
                .map(consents -> ConsentBoard.of(consents.stream().map(this::toConsent).toList(), clock.instant()))
                .onFailure().transform(ConsentService::readable);
    }

    public Uni<Void> approve(String consentId) {
        return loan.approve(consentId).replaceWithVoid().onFailure().transform(ConsentService::readable);
    }

    public Uni<Void> reject(String consentId) {
        return loan.reject(consentId).replaceWithVoid().onFailure().transform(ConsentService::readable);
    }

    /**
     * Revokes the consent and says whether the same bank can still see the SME's data through another one (an owner
     * who revokes "the bank's access" should not be told it ended when it did not). Empty when the revocation
     * succeeded but the remaining consents could not be read.
     */
    public Uni<Optional<Boolean>> revoke(String consentId) {
        return loan.revoke(consentId).onFailure().transform(ConsentService::readable)
                .chain(revoked -> board()
                        .map(board -> Optional.of(board.active().stream()
                                .anyMatch(other -> other.bankId().equals(revoked.bankId()))))
                        .onFailure().recoverWithItem(Optional.empty()));
    }

    public Uni<Void> grant(Grant grant) {
        NewConsent body = new NewConsent(grant.bankId(), grant.purpose(),
                grant.scopes().stream().map(Scope::wireName).toList(), grant.expiresAt());
        return loan.grant(body).replaceWithVoid().onFailure().transform(ConsentService::readable);
    }

    private Consent toConsent(LoanConsent wire) {
        return new Consent(wire.id(), wire.bankId(), banks.displayName(wire.bankId(), wire.bankName()), wire.purpose(), wire.scopes(),
                ConsentStatus.fromWire(wire.status()), !"sme".equals(wire.requestedBy()), wire.expiresAt(),
                wire.createdAt(), wire.validFrom());
    }

    private static Throwable readable(Throwable failure) {
        return failure instanceof PortalActionFailed ? failure
                : new PortalActionFailed(ReadableErrors.describe(failure), failure);
    }
}
