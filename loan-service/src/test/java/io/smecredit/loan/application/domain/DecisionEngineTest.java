package io.smecredit.loan.application.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smecredit.contracts.ScoreReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final CreditPolicy POLICY = policy("test-v3", Outcome.DECLINE, true);
    /** As policies were before 2026-12-v3: no stale-data settings, so stale data was referred on the score's age. */
    private static final CreditPolicy POLICY_BEFORE_V3 = policy("test-v2", null, null);

    private static CreditPolicy policy(String version, Outcome staleDataOutcome, Boolean staleFeaturesCount) {
        return new CreditPolicy(version, "test",
                Map.of(Product.WORKING_CAPITAL, "D", Product.RECEIVABLES, "D", Product.EQUIPMENT, "C"), "C", 14, 7,
                new BigDecimal("40"), "output_units_per_day_90d",
                Map.of(Product.WORKING_CAPITAL, 24, Product.RECEIVABLES, 12, Product.EQUIPMENT, 60),
                Map.of("A", 450, "B", 550, "C", 700, "D", 950, "E", 1300), "EUR",
                Map.of("EUR", BigDecimal.ONE, "USD", new BigDecimal("0.92")), staleDataOutcome, staleFeaturesCount);
    }
    private static final List<ScoreReason> MODEL_REASONS = List.of(
            new ScoreReason("utilisation_30d", 0.2, 0.8, "Machine utilisation is low", "设备利用率偏低"));

    private static DecisionInputs inputs(Product product, String amount, String grade, Instant scoreAsOf,
                                         Map<String, Double> features) {
        return inputs(POLICY, product, amount, grade, scoreAsOf, features, NOW);
    }

    private static DecisionInputs inputs(CreditPolicy policy, Product product, String amount, String grade,
                                         Instant scoreAsOf, Map<String, Double> features, Instant featuresAsOf) {
        return new DecisionInputs(product, new BigDecimal(amount), "EUR", 12, grade == null ? null : 700,
                grade == null ? null : 0.01, grade, grade == null ? null : "xgb-1", scoreAsOf, features,
                featuresAsOf, NOW, policy, BigDecimal.ONE);
    }

    private static Map<String, Double> steadyProduction() {
        return Map.of("days_since_output", 0.0, "output_units_per_day_90d", 5000.0);
    }

    @Test
    void aGoodGradeWithinTheCapIsApprovedAtTheGradesPrice() {
        Decision d = DecisionEngine.decide(inputs(Product.WORKING_CAPITAL, "50000", "B", NOW, steadyProduction()),
                MODEL_REASONS);
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVE);
        assertThat(d.limit()).isEqualByComparingTo("50000");
        assertThat(d.annualRateBps()).isEqualTo(550);
        assertThat(d.reasons()).isEmpty();
    }

    @Test
    void aGradeBelowTheProductsMinimumIsDeclinedWithPolicyAndModelReasons() {
        Decision d = DecisionEngine.decide(inputs(Product.EQUIPMENT, "50000", "D", NOW, steadyProduction()),
                MODEL_REASONS);
        assertThat(d.outcome()).isEqualTo(Outcome.DECLINE);
        assertThat(d.limit()).isEqualByComparingTo("0");
        assertThat(d.annualRateBps()).isNull();
        assertThat(d.reasons()).extracting(DecisionReason::code).containsExactly("GRADE_BELOW_MINIMUM", "MODEL_REASON");
        assertThat(d.reasons().get(1).feature()).isEqualTo("utilisation_30d");
    }

    @Test
    void productionStoppedForMoreThanTwoWeeksIsAKnockOutWhateverTheGrade() {
        Decision d = DecisionEngine.decide(inputs(Product.WORKING_CAPITAL, "1000", "A", NOW,
                Map.of("days_since_output", 15.0, "output_units_per_day_90d", 5000.0)), List.of());
        assertThat(d.outcome()).isEqualTo(Outcome.DECLINE);
        assertThat(d.reasons()).extracting(DecisionReason::code).containsExactly("PRODUCTION_STOPPED");
    }

    @Test
    void aScoreOlderThanTheMaximumDataAgeIsAKnockOutWhateverTheGrade() {
        Decision d = DecisionEngine.decide(inputs(Product.WORKING_CAPITAL, "1000", "A", NOW.minus(8, ChronoUnit.DAYS),
                steadyProduction()), MODEL_REASONS);
        assertThat(d.outcome()).isEqualTo(Outcome.DECLINE);
        assertThat(d.limit()).isEqualByComparingTo("0");
        assertThat(d.reasons()).extracting(DecisionReason::code).containsExactly("STALE_DATA", "MODEL_REASON");
        assertThat(d.reasons().get(0).textEn()).contains("score", "older than 7 days");
    }

    @Test
    void productionDataOlderThanTheMaximumDataAgeIsAKnockOutEvenWithAFreshScore() {
        // A feature vector frozen three weeks ago still says days_since_output = 0, so only its age gives it away.
        Decision d = DecisionEngine.decide(inputs(POLICY, Product.WORKING_CAPITAL, "1000", "A", NOW,
                steadyProduction(), NOW.minus(21, ChronoUnit.DAYS)), List.of());
        assertThat(d.outcome()).isEqualTo(Outcome.DECLINE);
        assertThat(d.reasons()).extracting(DecisionReason::code).containsExactly("STALE_DATA");
        assertThat(d.reasons().get(0).textEn()).contains("production data", "older than 7 days");

        Decision fresh = DecisionEngine.decide(inputs(POLICY, Product.WORKING_CAPITAL, "1000", "A", NOW,
                steadyProduction(), NOW.minus(6, ChronoUnit.DAYS)), List.of());
        assertThat(fresh.outcome()).isEqualTo(Outcome.APPROVE);
    }

    @Test
    void aPolicyMayReferStaleDataInsteadOfDecliningIt() {
        CreditPolicy referring = policy("test-refer", Outcome.REFER, true);
        Decision d = DecisionEngine.decide(inputs(referring, Product.WORKING_CAPITAL, "1000", "A", NOW,
                steadyProduction(), NOW.minus(21, ChronoUnit.DAYS)), List.of());
        assertThat(d.outcome()).isEqualTo(Outcome.REFER);
        assertThat(d.reasons()).extracting(DecisionReason::code).containsExactly("STALE_DATA");
    }

    @Test
    void decisionsUnderPoliciesBeforeV3StillRecomputeAsTheyWereMade() {
        // Recorded decisions carry their policy; one without the stale-data settings referred a stale score and
        // ignored the features' age, and recomputing it must give that same answer.
        Decision staleScore = DecisionEngine.decide(inputs(POLICY_BEFORE_V3, Product.WORKING_CAPITAL, "1000", "B",
                NOW.minus(8, ChronoUnit.DAYS), steadyProduction(), NOW), List.of());
        assertThat(staleScore.outcome()).isEqualTo(Outcome.REFER);
        assertThat(staleScore.reasons()).extracting(DecisionReason::code).containsExactly("STALE_DATA");

        Decision staleFeatures = DecisionEngine.decide(inputs(POLICY_BEFORE_V3, Product.WORKING_CAPITAL, "1000", "B",
                NOW, steadyProduction(), NOW.minus(21, ChronoUnit.DAYS)), List.of());
        assertThat(staleFeatures.outcome()).isEqualTo(Outcome.APPROVE);
    }

    @Test
    void aMissingScoreOrMissingProductionDataGoToAHuman() {
        Decision noScore = DecisionEngine.decide(inputs(Product.WORKING_CAPITAL, "1000", null, null,
                steadyProduction()), List.of());
        assertThat(noScore.outcome()).isEqualTo(Outcome.REFER);
        assertThat(noScore.reasons()).extracting(DecisionReason::code).containsExactly("NO_SCORE");
        assertThat(DecisionEngine.decide(inputs(Product.WORKING_CAPITAL, "1000", "B", NOW, Map.of()), List.of())
                .reasons()).extracting(DecisionReason::code).containsExactly("NO_PRODUCTION_DATA");
    }

    @Test
    void theExposureCapFollowsProductionScaleAndBecomesTheLimitOfAReferral() {
        Decision d = DecisionEngine.decide(inputs(Product.WORKING_CAPITAL, "250000", "A", NOW,
                Map.of("days_since_output", 0.0, "output_units_per_day_90d", 1234.5)), List.of());
        assertThat(d.outcome()).isEqualTo(Outcome.REFER);
        // 40 per daily unit × 1234.5 = 49,380 → rounded down to the hundred.
        assertThat(d.limit()).isEqualByComparingTo("49300");
        assertThat(d.annualRateBps()).isEqualTo(450);
    }

    @Test
    void aMiddlingGradeIsReferredAndATooLongTermDeclined() {
        assertThat(DecisionEngine.decide(inputs(Product.WORKING_CAPITAL, "1000", "D", NOW, steadyProduction()),
                List.of()).outcome()).isEqualTo(Outcome.REFER);
        DecisionInputs longTerm = new DecisionInputs(Product.RECEIVABLES, new BigDecimal("1000"), "EUR", 36, 700,
                0.01, "B", "xgb-1", NOW, steadyProduction(), NOW, NOW, POLICY, BigDecimal.ONE);
        assertThat(DecisionEngine.decide(longTerm, List.of()).reasons()).extracting(DecisionReason::code)
                .containsExactly("TERM_TOO_LONG");
    }

    @Test
    void aDecisionIsReproducedExactlyFromItsRecordedInputs() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        DecisionInputs original = inputs(Product.WORKING_CAPITAL, "250000.00", "C", NOW,
                Map.of("days_since_output", 3.0, "output_units_per_day_90d", 4321.0));
        Decision decided = DecisionEngine.decide(original, MODEL_REASONS);

        DecisionInputs recorded = json.readValue(json.writeValueAsString(original), DecisionInputs.class);

        assertThat(recorded).isEqualTo(original);
        assertThat(DecisionEngine.decide(recorded, MODEL_REASONS)).isEqualTo(decided);
    }

    @Test
    void theExposureCapIsStatedInTheBaseCurrencyAndConvertedAtTheRecordedRate() {
        // 5,000 units/day x 40 = 200,000 EUR.
        DecisionInputs euros = inputs(Product.WORKING_CAPITAL, "210000", "B", NOW, steadyProduction());
        assertThat(DecisionEngine.exposureCap(euros)).isEqualByComparingTo("200000");
        assertThat(DecisionEngine.decide(euros, List.of()).outcome()).isEqualTo(Outcome.REFER);

        // The same amount in dollars is less money: 200,000 EUR / 0.92 = 217,391 USD, 217,300 in whole hundreds.
        DecisionInputs dollars = new DecisionInputs(Product.WORKING_CAPITAL, new BigDecimal("210000"), "USD", 12, 700,
                0.01, "B", "xgb-1", NOW, steadyProduction(), NOW, NOW, POLICY, POLICY.rateToBase("USD"));
        assertThat(DecisionEngine.exposureCap(dollars)).isEqualByComparingTo("217300");
        assertThat(DecisionEngine.decide(dollars, List.of()).outcome()).isEqualTo(Outcome.APPROVE);

        assertThat(POLICY.rateToBase("XYZ")).isNull();
    }

    @Test
    void aProductionScaleThatIsNoNumberGivesNoCapRatherThanAFailure() {
        for (double units : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            DecisionInputs in = inputs(Product.WORKING_CAPITAL, "10000", "B", NOW,
                    Map.of("days_since_output", 0.0, "output_units_per_day_90d", units));
            assertThat(DecisionEngine.exposureCap(in)).as("cap for %s units a day", units).isNull();
            assertThat(DecisionEngine.decide(in, List.of()).outcome()).as("decision for %s", units).isNotNull();
        }
    }
}
