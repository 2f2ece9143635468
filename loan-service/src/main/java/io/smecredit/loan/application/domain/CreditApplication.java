package io.smecredit.loan.application.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An application and its decision, written once (the table refuses updates). */
@Entity
@Table(name = "credit_application")
public class CreditApplication {

    @Id
    private UUID id;
    @Column(name = "bank_id", nullable = false)
    private String bankId;
    @Column(name = "sme_id", nullable = false)
    private String smeId;
    @Column(name = "product", nullable = false)
    private String product;
    @Column(name = "amount", nullable = false)
    private BigDecimal amount;
    @Column(name = "currency", nullable = false)
    private String currency;
    @Column(name = "term_months", nullable = false)
    private int termMonths;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "decision", nullable = false)
    private String decision;
    @Column(name = "limit_amount", nullable = false)
    private BigDecimal limitAmount;
    @Column(name = "price_rate_bps")
    private Integer priceRateBps;
    @Column(name = "reasons", nullable = false)
    private String reasonsJson;
    @Column(name = "inputs", nullable = false)
    private String inputsJson;
    @Column(name = "model_version")
    private String modelVersion;
    @Column(name = "policy_version", nullable = false)
    private String policyVersion;
    @Column(name = "retain_until", nullable = false)
    private Instant retainUntil;

    protected CreditApplication() {
        // for Hibernate
    }

    public CreditApplication(UUID id, String bankId, String smeId, DecisionInputs inputs, Decision decision,
                             String reasonsJson, String inputsJson, Instant retainUntil) {
        this.id = id;
        this.bankId = bankId;
        this.smeId = smeId;
        this.product = inputs.product().name();
        this.amount = inputs.amount();
        this.currency = inputs.currency();
        this.termMonths = inputs.termMonths();
        this.createdAt = inputs.decidedAt();
        this.decision = decision.outcome().name();
        this.limitAmount = decision.limit();
        this.priceRateBps = decision.annualRateBps();
        this.reasonsJson = reasonsJson;
        this.inputsJson = inputsJson;
        this.modelVersion = inputs.modelVersion();
        this.policyVersion = inputs.policy().version();
        this.retainUntil = retainUntil;
    }

    public UUID id() { return id; }
    public String bankId() { return bankId; }
    public String smeId() { return smeId; }
    public String product() { return product; }
    public BigDecimal amount() { return amount; }
    public String currency() { return currency; }
    public int termMonths() { return termMonths; }
    public Instant createdAt() { return createdAt; }
    public String decision() { return decision; }
    public BigDecimal limitAmount() { return limitAmount; }
    public Integer priceRateBps() { return priceRateBps; }
    public String reasonsJson() { return reasonsJson; }
    public String inputsJson() { return inputsJson; }
    public String modelVersion() { return modelVersion; }
    public String policyVersion() { return policyVersion; }
}
