package io.smecredit.loan.consent.domain;

import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.loan.common.ConsentScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One SME's permission for one bank. State changes go through the methods below, which enforce the lifecycle:
 * only a received consent can be approved or rejected, only a live one revoked or terminated.
 */
@Entity
@Table(name = "consent")
public class Consent {

    @Id
    private UUID id;

    @Column(name = "sme_id", nullable = false)
    private String smeId;

    @Column(name = "bank_id", nullable = false)
    private String bankId;

    /** Comma-separated wire names, so the consent guard can match a scope in SQL. */
    @Column(name = "scopes", nullable = false)
    private String scopes;

    @Column(name = "purpose", nullable = false)
    private String purpose;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** When it became valid (approved, or granted directly); null if it never was. */
    @Column(name = "valid_from")
    private Instant validFrom;

    protected Consent() {
        // for Hibernate
    }

    private Consent(String smeId, String bankId, ConsentTerms terms, ConsentStatus status, String requestedBy,
                    Instant now) {
        this.id = UUID.randomUUID();
        this.smeId = smeId;
        this.bankId = bankId;
        this.scopes = terms.scopes().stream().map(ConsentScope::wireName).sorted().collect(Collectors.joining(","));
        this.purpose = terms.purpose();
        this.status = status.wireName();
        this.requestedBy = requestedBy;
        this.expiresAt = terms.expiresAt();
        this.createdAt = now;
        this.updatedAt = now;
        this.validFrom = status == ConsentStatus.VALID ? now : null;
    }

    /** A bank asks; the SME still has to approve. */
    public static Consent requestedByBank(String smeId, String bankId, ConsentTerms terms, Instant now) {
        return new Consent(smeId, bankId, terms, ConsentStatus.RECEIVED, "bank", now);
    }

    /** The SME grants directly: valid at once. */
    public static Consent grantedBySme(String smeId, String bankId, ConsentTerms terms, Instant now) {
        return new Consent(smeId, bankId, terms, ConsentStatus.VALID, "sme", now);
    }

    public void approve(Instant now) {
        transition(Set.of(ConsentStatus.RECEIVED), ConsentStatus.VALID, "approved", now);
        this.validFrom = now;
    }

    public void reject(Instant now) {
        transition(Set.of(ConsentStatus.RECEIVED), ConsentStatus.REJECTED, "rejected", now);
    }

    public void revoke(Instant now) {
        transition(Set.of(ConsentStatus.VALID, ConsentStatus.RECEIVED), ConsentStatus.REVOKED_BY_SME, "revoked", now);
    }

    public void terminate(Instant now) {
        transition(Set.of(ConsentStatus.VALID, ConsentStatus.RECEIVED), ConsentStatus.TERMINATED_BY_BANK,
                "terminated", now);
    }

    private void transition(Set<ConsentStatus> from, ConsentStatus to, String verb, Instant now) {
        ConsentStatus current = statusAt(now);
        if (!from.contains(current)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Consent " + id + " is " + current.wireName() + " and cannot be " + verb + ".");
        }
        this.status = to.wireName();
        this.updatedAt = now;
    }

    /**
     * Whether this is the SME's own grant to the bank on exactly these terms, still valid: the same grant sent again
     * (a retried form or request) is this one, not a second consent.
     */
    public boolean isValidGrantOf(String grantedBank, ConsentTerms terms, Instant now) {
        return bankId.equals(grantedBank) && "sme".equals(requestedBy) && statusAt(now) == ConsentStatus.VALID
                && scopes().equals(terms.scopes()) && purpose.equals(terms.purpose())
                && expiresAt.equals(terms.expiresAt());
    }

    /** The status as of {@code now}: a received or valid consent past its expiry is expired. */
    public ConsentStatus statusAt(Instant now) {
        ConsentStatus stored = ConsentStatus.fromWireName(status);
        boolean live = stored == ConsentStatus.RECEIVED || stored == ConsentStatus.VALID;
        return live && !expiresAt.isAfter(now) ? ConsentStatus.EXPIRED : stored;
    }

    public Set<ConsentScope> scopes() {
        Set<ConsentScope> result = EnumSet.noneOf(ConsentScope.class);
        Arrays.stream(scopes.split(",")).map(ConsentScope::fromWireName).forEach(s -> s.ifPresent(result::add));
        return result;
    }

    public UUID id() {
        return id;
    }

    public String smeId() {
        return smeId;
    }

    public String bankId() {
        return bankId;
    }

    public String purpose() {
        return purpose;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant validFrom() {
        return validFrom;
    }
}
