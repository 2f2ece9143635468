package io.smecredit.loan.application.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.ScoreReason;
import io.smecredit.loan.application.domain.ApplicationListFilter;
import io.smecredit.loan.application.domain.CreditApplication;
import io.smecredit.loan.application.domain.CreditPolicy;
import io.smecredit.loan.application.domain.Decision;
import io.smecredit.loan.application.domain.DecisionEngine;
import io.smecredit.loan.application.domain.DecisionInputs;
import io.smecredit.loan.application.domain.DecisionReason;
import io.smecredit.loan.application.domain.Product;
import io.smecredit.loan.application.repository.CreditApplicationRepository;
import io.smecredit.loan.application.repository.LatestFeaturesRepository;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.service.AuditLog;
import io.smecredit.loan.common.Bank;
import io.smecredit.loan.common.ConsentGuard;
import io.smecredit.loan.common.ConsentScope;
import io.smecredit.loan.common.Idempotency;
import io.smecredit.loan.report.domain.LatestScore;
import io.smecredit.contracts.SmeId;
import io.smecredit.loan.report.repository.LatestScoreRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Applications are decided once, recorded immutably with their inputs, and shown only to the bank that applied. */
@ApplicationScoped
public class CreditApplicationService {

    /** The request's limits, shared with its OpenAPI schema so the document states what is enforced here. */
    public static final String MAX_AMOUNT_TEXT = "1000000000";
    static final BigDecimal MAX_AMOUNT = new BigDecimal(MAX_AMOUNT_TEXT);
    public static final int MIN_TERM_MONTHS = 1;
    public static final int MAX_TERM_MONTHS = 360;
    public static final String CURRENCY_PATTERN = "^[A-Z]{3}$";
    private static final TypeReference<List<ScoreReason>> REASONS = new TypeReference<>() {
    };
    /**
     * The members of a decision's {@code inputs} that are the SME's production figures: a bank sees them only while
     * it holds the SME's 'features-summary' consent, as in the credit report. The record keeps them.
     */
    static final List<String> FEATURE_INPUTS = List.of("features", "featuresAsOf");

    private final CreditApplicationRepository applications;
    private final LatestScoreRepository scores;
    private final LatestFeaturesRepository features;
    private final ConsentGuard consents;
    private final Idempotency idempotency;
    private final PolicyProvider policies;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final int retentionMonths;

    public CreditApplicationService(CreditApplicationRepository applications, LatestScoreRepository scores,
                                    LatestFeaturesRepository features, ConsentGuard consents, Idempotency idempotency,
                                    PolicyProvider policies, AuditLog audit, ObjectMapper json, Clock clock,
                                    @ConfigProperty(name = "loan.decisions.retention-months") int retentionMonths) {
        this.applications = applications;
        this.scores = scores;
        this.features = features;
        this.consents = consents;
        this.idempotency = idempotency;
        this.policies = policies;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.retentionMonths = retentionMonths;
    }

    /** A validated request. */
    record Valid(String smeId, Product product, BigDecimal amount, String currency, int termMonths) {
        String canonical() {
            return smeId + "|" + product + "|" + amount.stripTrailingZeros().toPlainString() + "|" + currency + "|"
                    + termMonths;
        }
    }

    /**
     * Decides and records the application once per idempotency key. {@code render} gives the 201 answer's JSON body:
     * it is stored with the key in this transaction, so a replay repeats it byte for byte, except that it leaves out
     * the feature inputs ({@link #FEATURE_INPUTS}) when the bank no longer holds 'features-summary'.
     */
    public Uni<Idempotency.StoredResponse> apply(Bank bank, String idempotencyKey, CreditApplicationCommand command,
                                                 Function<DecidedApplication, ?> render) {
        return consents.inTransaction(() -> {
            String key = Idempotency.requireKey(idempotencyKey);
            Valid valid = validate(command);
            requireConvertible(policies.current(), valid.currency());
            // Consent first, also for a replay: a stored decision is SME data too.
            return consents.require(bank, valid.smeId(), ConsentScope.CREDIT_REPORT)
                    .flatMap(consentId -> consents.holds(bank, valid.smeId(), ConsentScope.FEATURES_SUMMARY)
                            .flatMap(withFeatures -> idempotency.once(bank.id(), key,
                                            Idempotency.fingerprint(valid.canonical()),
                                            () -> decideAndRecord(bank, valid, consentId, withFeatures, render))
                                    .map(stored -> withFeatures || !stored.replayed() ? stored
                                            : new Idempotency.StoredResponse(stored.status(),
                                            withoutFeatureInputs(stored.body()), true))));
        });
    }

    public Uni<DecidedApplication> find(Bank bank, String applicationId) {
        return consents.inTransaction(() -> {
            UUID id = parseId(applicationId);
            return applications.findById(id)
                    .map(application -> {
                        if (application == null || !application.bankId().equals(bank.id())) {
                            throw notFound(applicationId);
                        }
                        return application;
                    })
                    .call(application -> consents.require(bank, application.smeId(), ConsentScope.CREDIT_REPORT)
                            .call(consentId -> audit.append(AuditEntry.byBank(bank.id(), "APPLICATION_READ",
                                    application.smeId(), application.id().toString(), "consent=" + consentId))))
                    .flatMap(application -> consents.holds(bank, application.smeId(), ConsentScope.FEATURES_SUMMARY)
                            .map(withFeatures -> read(application, withFeatures)));
        });
    }

    /**
     * A page of the bank's own applications for one SME, newest first: with the same consent and the same 403 as
     * reading one of them, and audited as one read.
     */
    public Uni<List<DecidedApplication>> listFor(Bank bank, ApplicationListFilter filter) {
        return consents.inTransaction(() -> consents.require(bank, filter.smeId(), ConsentScope.CREDIT_REPORT)
                .flatMap(consentId -> previousPageEnd(bank, filter)
                        .chain(after -> applications.pageOfBankAndSme(bank.id(), filter, after))
                        .call(found -> audit.append(AuditEntry.byBank(bank.id(), "APPLICATIONS_LISTED", filter.smeId(),
                                consentId.toString(), "consent=" + consentId + "; count=" + found.size()
                                        + (filter.before() == null ? "" : "; before=" + filter.before()))))
                        .flatMap(found -> consents.holds(bank, filter.smeId(), ConsentScope.FEATURES_SUMMARY)
                                .map(withFeatures -> found.stream().map(a -> read(a, withFeatures)).toList()))));
    }

    private Uni<CreditApplication> previousPageEnd(Bank bank, ApplicationListFilter filter) {
        if (filter.before() == null) {
            return Uni.createFrom().nullItem();
        }
        return applications.ofBankAndSmeById(bank.id(), filter.smeId(), filter.before()).onItem().ifNull()
                .failWith(ApplicationListFilter::unknownBefore);
    }

    private Uni<Idempotency.StoredResponse> decideAndRecord(Bank bank, Valid request, UUID consentId,
                                                           boolean withFeatures,
                                                           Function<DecidedApplication, ?> render) {
        CreditPolicy policy = policies.current();
        Instant now = clock.instant();
        return scores.findById(request.smeId()).flatMap(score -> features.latestOf(request.smeId()).flatMap(stored -> {
            Map<String, Double> used = new HashMap<>();
            if (stored != null) {
                for (String name : List.of(DecisionEngine.DAYS_WITHOUT_OUTPUT_FEATURE, policy.exposureFeature())) {
                    Double value = stored.features().get(name);
                    if (value != null) {
                        used.put(name, value);
                    }
                }
            }
            DecisionInputs inputs = new DecisionInputs(request.product(), request.amount(), request.currency(),
                    request.termMonths(), score == null ? null : score.score(), score == null ? null : score.pd(),
                    score == null ? null : score.grade(), score == null ? null : score.modelVersion(),
                    score == null ? null : score.asOf(), Map.copyOf(used), stored == null ? null : stored.asOf(),
                    now, policy, policy.rateToBase(request.currency()));
            Decision decision = DecisionEngine.decide(inputs, reasonsOf(score));
            CreditApplication application = new CreditApplication(UUID.randomUUID(), bank.id(), request.smeId(),
                    inputs, decision, write(decision.reasons()), write(inputs),
                    now.atOffset(ZoneOffset.UTC).plusMonths(retentionMonths).toInstant());
            return applications.persistAndFlush(application)
                    .call(a -> audit.append(AuditEntry.byBank(bank.id(), "APPLICATION_DECIDED", a.smeId(),
                            a.id().toString(), "consent=" + consentId + "; product=" + a.product() + "; amount="
                                    + a.amount() + " " + a.currency() + "; decision=" + a.decision() + "; limit="
                                    + a.limitAmount() + "; modelVersion=" + a.modelVersion() + "; policyVersion="
                                    + a.policyVersion())))
                    // The stored answer is the one this request gets, so it has the feature inputs only if this
                    // bank holds 'features-summary' now; a replay removes them again if the bank no longer does
                    // (apply). Storing the full view and filtering every answer instead would keep the SME's
                    // figures in the key table for banks that were never allowed them, and store an answer that was
                    // never given. A replay never adds them either: it is the stored answer, no more.
                    .map(a -> new Idempotency.StoredResponse(201, write(render.apply(read(a, withFeatures))), false));
        }));
    }

    /** The application as the bank is answered: its decision's feature inputs only {@code withFeatures}. */
    private DecidedApplication read(CreditApplication a, boolean withFeatures) {
        try {
            List<DecisionReason> reasons = json.readValue(a.reasonsJson(), new TypeReference<>() {
            });
            JsonNode inputs = json.readTree(a.inputsJson());
            if (!withFeatures && inputs instanceof ObjectNode object) {
                object.remove(FEATURE_INPUTS);
            }
            return new DecidedApplication(a, reasons, inputs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored application " + a.id() + " is not readable", e);
        }
    }

    /**
     * A stored answer without its {@code inputs}' feature members ({@link #FEATURE_INPUTS}), and otherwise as stored:
     * token by token, numbers copied as written, so an amount keeps its two decimals (a tree would turn
     * {@code 20000.00} into {@code 20000.0}).
     */
    String withoutFeatureInputs(String storedAnswer) {
        return withoutFeatureInputs(json.getFactory(), storedAnswer);
    }

    static String withoutFeatureInputs(JsonFactory factory, String storedAnswer) {
        StringWriter out = new StringWriter(storedAnswer.length());
        try (JsonParser in = factory.createParser(storedAnswer); JsonGenerator gen = factory.createGenerator(out)) {
            for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                if (token == JsonToken.FIELD_NAME && FEATURE_INPUTS.contains(in.currentName())
                        && isTopLevelInputs(in.getParsingContext().getParent())) {
                    in.nextToken();
                    in.skipChildren();
                } else if (token.isNumeric()) {
                    gen.writeNumber(in.getText());
                } else {
                    gen.copyCurrentEvent(in);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("A stored application answer is not readable", e);
        }
        return out.toString();
    }

    /** Whether {@code context} is the answer's object at the place of its member {@code inputs}. */
    private static boolean isTopLevelInputs(JsonStreamContext context) {
        return context != null && context.inObject() && "inputs".equals(context.getCurrentName())
                && context.getParent() != null && context.getParent().inRoot();
    }

    private List<ScoreReason> reasonsOf(LatestScore score) {
        if (score == null) {
            return List.of();
        }
        try {
            return json.readValue(score.reasonsJson(), REASONS);
        } catch (JsonProcessingException e) {
            // Deciding without them would record a decline that cannot say which model reasons it rests on.
            throw new IllegalStateException("The stored reasons of SME " + score.smeId() + " are not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The exposure cap is stated in the policy's base currency: an amount the policy cannot convert is not decidable. */
    static void requireConvertible(CreditPolicy policy, String currency) {
        if (policy.rateToBase(currency) == null) {
            String reason = "is not a currency the credit policy " + policy.version() + " can convert to "
                    + policy.baseCurrency() + "; accepted: " + String.join(", ", new java.util.TreeSet<>(
                    policy.fxToBase() == null ? java.util.Set.<String>of() : policy.fxToBase().keySet()));
            throw new ProblemException(ProblemType.UNPROCESSABLE, "currency " + currency + " " + reason,
                    List.of(new Problem.FieldError("currency", reason)));
        }
    }

    static Valid validate(CreditApplicationCommand c) {
        CreditApplicationCommand request = c == null ? new CreditApplicationCommand(null, null, null, null, null) : c;
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!SmeId.isValid(request.smeId())) {
            errors.add(new Problem.FieldError("smeId", SmeId.RULE));
        }
        Product product = null;
        try {
            product = request.product() == null ? null : Product.valueOf(request.product());
        } catch (IllegalArgumentException e) {
            product = null;
        }
        if (product == null) {
            errors.add(new Problem.FieldError("product", "must be one of " + Arrays.stream(Product.values())
                    .map(Enum::name).collect(Collectors.joining(", "))));
        }
        BigDecimal amount = request.amount();
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0
                || amount.stripTrailingZeros().scale() > 2) {
            errors.add(new Problem.FieldError("amount", "must be positive, at most " + MAX_AMOUNT.toPlainString()
                    + ", with at most 2 decimals"));
        }
        if (request.currency() == null || !request.currency().matches(CURRENCY_PATTERN)) {
            errors.add(new Problem.FieldError("currency", "must be an ISO 4217 code such as EUR"));
        }
        if (request.termMonths() == null || request.termMonths() < MIN_TERM_MONTHS
                || request.termMonths() > MAX_TERM_MONTHS) {
            errors.add(new Problem.FieldError("termMonths", "must be " + MIN_TERM_MONTHS + "-" + MAX_TERM_MONTHS));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.stream()
                    .map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; ")), errors);
        }
        return new Valid(request.smeId(), product, amount.setScale(2), request.currency(), request.termMonths());
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No credit application '" + id + "' of your bank.");
    }
}
