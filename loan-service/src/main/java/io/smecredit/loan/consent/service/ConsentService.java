package io.smecredit.loan.consent.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.service.AuditLog;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.BankRegistry;
import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.common.Idempotency;
import io.smecredit.loan.consent.domain.Consent;
import io.smecredit.loan.consent.domain.ConsentListFilter;
import io.smecredit.loan.consent.domain.ConsentTerms;
import io.smecredit.loan.consent.repository.ConsentRepository;
import io.smecredit.contracts.SmeId;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Consent use cases for banks and SMEs. Every change is audited in the same transaction. */
@ApplicationScoped
public class ConsentService {

    /*
     * Serialises the direct grants of one SME to one bank until commit, so two identical grants sent at once (a form
     * posted twice) cannot both find no existing grant and both insert one: the second waits for the first to commit,
     * then finds its consent. The two-key form (class, hash) keeps these locks apart from the single-key ones
     * (AlertRaiser's); two pairs sharing a hash only wait for each other.
     */
    private static final String GRANT_LOCK = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(7312002, "
            + "hashtext(CAST(:smeId AS TEXT) || '|' || CAST(:bankId AS TEXT)))) AS locked";

    private final ConsentRepository consents;
    private final BankRegistry banks;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, BankRegistry banks, AuditLog audit, Idempotency idempotency,
                          ObjectMapper json, Clock clock) {
        this.consents = consents;
        this.banks = banks;
        this.audit = audit;
        this.idempotency = idempotency;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A bank's request for consent. With an {@code idempotencyKey} (optional here, unlike for applications) a retry
     * with the same key and terms returns the stored answer instead of asking the SME a second time; the same key
     * with other terms is refused (422), as for applications. {@code render} gives the answer's JSON body: it is
     * stored with the key in this transaction, so a replay repeats it byte for byte.
     */
    @WithTransaction
    public Uni<Idempotency.StoredResponse> request(Bank bank, String idempotencyKey, String smeId,
                                                   List<String> scopes, String purpose, Instant expiresAt,
                                                   Function<ConsentAsOf, ?> render) {
        Instant now = clock.instant();
        ConsentTerms terms = ConsentTerms.parse(scopes, purpose, expiresAt, now, SmeId.isValid(smeId) ? List.of()
                : List.of(new Problem.FieldError("smeId", SmeId.RULE)));
        Supplier<Uni<Idempotency.StoredResponse>> create = () -> consents
                .persist(Consent.requestedByBank(smeId, bank.id(), terms, now))
                .call(c -> audit.append(AuditEntry.byBank(bank.id(), "CONSENT_REQUESTED", smeId, c.id().toString(),
                        describe(c))))
                .map(c -> new Idempotency.StoredResponse(201, write(c.id(), render.apply(asOf(c, now))), false));
        if (idempotencyKey == null) {
            return create.get();
        }
        String canonical = String.join("\n", "consent-request", smeId,
                terms.scopes().stream().map(ConsentScope::wireName).collect(Collectors.joining(",")),
                terms.purpose(), terms.expiresAt().toString());
        return idempotency.once(bank.id(), Idempotency.requireKey(idempotencyKey), Idempotency.fingerprint(canonical),
                create);
    }

    private String write(UUID consentId, Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Consent " + consentId + " cannot be written as JSON", e);
        }
    }

    @WithSession
    public Uni<List<ConsentAsOf>> ofBank(Bank bank, ConsentListFilter filter) {
        Instant now = clock.instant();
        Uni<Consent> previousPageEnd = filter.before() == null ? Uni.createFrom().nullItem()
                : consents.ofBankById(bank.id(), filter.before()).onItem().ifNull()
                        .failWith(ConsentListFilter::unknownBefore);
        return previousPageEnd.chain(after -> consents.pageOfBank(bank.id(), filter, after, now))
                .map(page -> page.stream().map(c -> asOf(c, now)).toList());
    }

    /** One of the bank's consents (the Location of a consent request); another bank's is reported as missing. */
    @WithSession
    public Uni<ConsentAsOf> ofBankById(Bank bank, String consentId) {
        return find(consentId, c -> c.bankId().equals(bank.id()));
    }

    /** One consent concerning the SME (the Location of a direct grant); another SME's is reported as missing. */
    @WithSession
    public Uni<ConsentAsOf> ofSmeById(String smeId, String consentId) {
        return find(consentId, c -> c.smeId().equals(smeId));
    }

    private Uni<ConsentAsOf> find(String consentId, java.util.function.Predicate<Consent> ownedByCaller) {
        Instant now = clock.instant();
        UUID id = parseId(consentId);
        return consents.findById(id).map(c -> {
            if (c == null || !ownedByCaller.test(c)) {
                throw notFound(consentId);
            }
            return asOf(c, now);
        });
    }

    @WithTransaction
    public Uni<ConsentAsOf> terminate(Bank bank, String consentId) {
        return change(consentId, c -> c.bankId().equals(bank.id()), Consent::terminate,
                c -> AuditEntry.byBank(bank.id(), "CONSENT_TERMINATED", c.smeId(), c.id().toString(), describe(c)));
    }

    @WithSession
    public Uni<List<ConsentAsOf>> ofSme(String smeId) {
        Instant now = clock.instant();
        return consents.ofSme(smeId).map(list -> list.stream().map(c -> asOf(c, now)).toList());
    }

    /** A direct grant as answered: new, or the same grant made before (a retried form or request). */
    public record Granted(ConsentAsOf consent, boolean replayed) {
    }

    /**
     * Grants the bank access, unless a valid grant of the SME to this bank with exactly these terms exists: that is the
     * same grant sent again (a retry after a lost answer, a form posted twice), answered with the existing consent so
     * that retries never leave the SME with duplicate consents to revoke.
     */
    @WithTransaction
    public Uni<Granted> grant(String smeId, String user, String bankId, List<String> scopes, String purpose,
                              Instant expiresAt) {
        Instant now = clock.instant();
        Optional<Bank> partner = banks.byId(bankId);
        ConsentTerms terms = ConsentTerms.parse(scopes, purpose, expiresAt, now, partner.isPresent() ? List.of()
                : List.of(new Problem.FieldError("bankId", "'" + bankId + "' is not a partner bank: must be one of "
                        + banks.all().stream().map(Bank::id).collect(Collectors.joining(", ")))));
        Bank bank = partner.orElseThrow();
        return lockGrants(smeId, bank.id()).chain(() -> consents.ofSme(smeId)).flatMap(existing -> {
            Optional<Consent> same = existing.stream().filter(c -> c.isValidGrantOf(bank.id(), terms, now))
                    .findFirst();
            if (same.isPresent()) {
                return Uni.createFrom().item(new Granted(asOf(same.get(), now), true));
            }
            return consents.persist(Consent.grantedBySme(smeId, bank.id(), terms, now))
                    .call(c -> audit.append(AuditEntry.bySme(user, "CONSENT_GRANTED", smeId, c.id().toString(),
                            describe(c))))
                    .map(c -> new Granted(asOf(c, now), false));
        });
    }

    /** Until this transaction ends, no other direct grant of the SME to the bank passes this point; see GRANT_LOCK. */
    private static Uni<Void> lockGrants(String smeId, String bankId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(GRANT_LOCK)
                        .setParameter("smeId", smeId)
                        .setParameter("bankId", bankId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<ConsentAsOf> approve(String smeId, String user, String consentId) {
        return change(consentId, c -> c.smeId().equals(smeId), Consent::approve,
                c -> AuditEntry.bySme(user, "CONSENT_APPROVED", smeId, c.id().toString(), describe(c)));
    }

    @WithTransaction
    public Uni<ConsentAsOf> reject(String smeId, String user, String consentId) {
        return change(consentId, c -> c.smeId().equals(smeId), Consent::reject,
                c -> AuditEntry.bySme(user, "CONSENT_REJECTED", smeId, c.id().toString(), describe(c)));
    }

    @WithTransaction
    public Uni<ConsentAsOf> revoke(String smeId, String user, String consentId) {
        return change(consentId, c -> c.smeId().equals(smeId), Consent::revoke,
                c -> AuditEntry.bySme(user, "CONSENT_REVOKED", smeId, c.id().toString(), describe(c)));
    }

    private Uni<ConsentAsOf> change(String consentId, java.util.function.Predicate<Consent> ownedByCaller,
                                    BiConsumer<Consent, Instant> transition,
                                    Function<Consent, AuditEntry> auditEntry) {
        Instant now = clock.instant();
        UUID id = parseId(consentId);
        // The row lock keeps two concurrent changes (revoke vs approve) from both passing the lifecycle check.
        return consents.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .map(c -> {
                    // Someone else's consent is reported exactly like a missing one.
                    if (c == null || !ownedByCaller.test(c)) {
                        throw notFound(consentId);
                    }
                    transition.accept(c, now);
                    return c;
                })
                .call(c -> audit.append(auditEntry.apply(c)))
                .map(c -> asOf(c, now));
    }

    private ConsentAsOf asOf(Consent consent, Instant now) {
        String bankName = banks.byId(consent.bankId()).map(Bank::displayName).orElse(consent.bankId());
        return new ConsentAsOf(consent, bankName, now);
    }

    private static UUID parseId(String consentId) {
        try {
            return UUID.fromString(consentId);
        } catch (IllegalArgumentException e) {
            throw notFound(consentId);
        }
    }

    private static ProblemException notFound(String consentId) {
        return new ProblemException(ProblemType.NOT_FOUND, "No consent '" + consentId + "' is yours.");
    }

    private static String describe(Consent c) {
        return "bank=" + c.bankId() + "; scopes=" + c.scopes().stream()
                .map(s -> s.wireName()).sorted().collect(Collectors.joining(",")) + "; expiresAt=" + c.expiresAt()
                + "; purpose=" + c.purpose();
    }
}
