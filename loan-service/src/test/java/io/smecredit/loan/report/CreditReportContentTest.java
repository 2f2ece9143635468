package io.smecredit.loan.report;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** What a consented bank reads: reasons, a monthly trend from the score history, and features only with scope. */
@QuarkusTest
class CreditReportContentTest {

    private static final String REPORT = "/api/v1/smes/{smeId}/credit-report";
    private static ScorePublisher publisher;

    @Inject
    Pool db;

    @BeforeAll
    static void openPublisher() {
        ScorePublisher.awaitServiceConsuming();
        publisher = new ScorePublisher();
    }

    @AfterAll
    static void closePublisher() {
        publisher.close();
    }

    @Test
    void theReportCarriesUpToFourReasonsAndTheLastScoreOfEachOfTheLastTwelveMonths() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        publisher.publishWithReasons(smeId, 500, "D", Instant.parse("2023-04-30T00:00:00Z"));
        publisher.publishWithReasons(smeId, 600, "C", Instant.parse("2024-03-10T00:00:00Z"));
        publisher.publishWithReasons(smeId, 620, "C", Instant.parse("2024-03-25T00:00:00Z"));
        publisher.publishWithReasons(smeId, 700, "B", Instant.parse("2024-05-02T00:00:00Z"),
                "utilisation_30d", "0.31", "quality_rate_30d", "0.81", "output_trend_90d", "-0.04",
                "downtime_hours_per_day_30d", "7.5", "availability_7d", "0.6");
        String bank = KeycloakTokens.accessToken("bank-a");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(bank)
                .when().get(REPORT, smeId)
                .then().statusCode(200)
                .body("asOf", equalTo("2024-05-02T00:00:00Z"))
                .body("trend.month", contains("2024-03", "2024-05")));

        given().auth().oauth2(bank)
                .when().get(REPORT, smeId)
                .then().statusCode(200)
                .body("score", equalTo(700))
                .body("trend.score", contains(620, 700))
                .body("trend.grade", contains("C", "B"))
                .body("trend.modelVersion", contains("xgb-it-3", "xgb-it-3"))
                .body("reasons.feature", contains("utilisation_30d", "quality_rate_30d", "output_trend_90d",
                        "downtime_hours_per_day_30d"))
                .body("reasons[0].value", equalTo(0.31f))
                .body("reasons[0].textEn", containsString("utilisation_30d"))
                .body("reasons[0].textZh", containsString("偏弱"))
                .body("$", not(hasKey("featuresSummary")));
    }

    @Test
    void featuresSummaryShowsTheKeyFeaturesOfAHealthySmeOnlyWithTheFeaturesSummaryScope() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        Fixtures.validConsent(smeId, "bank-b", "credit-report,features-summary");
        Instant featuresAsOf = Instant.parse("2024-06-01T00:00:00Z");
        // Healthy: no principal reasons at all, so a summary built from reasons would be empty. The vector holds
        // key features (some with cohort percentiles), a feature that is not a key one, and a key one that is NaN.
        publisher.publishFeatures(smeId, featuresAsOf, "{\"days_since_output\":0.0,"
                + "\"output_units_per_day_90d\":4100.0,\"utilisation_30d\":0.78,\"utilisation_30d_cohort_pct\":0.81,"
                + "\"quality_rate_30d\":0.97,\"quality_rate_30d_cohort_pct\":0.66,\"availability_7d\":0.95,"
                + "\"output_volatility_30d\":\"NaN\"}");
        publisher.publishWithReasons(smeId, 760, "A", featuresAsOf);
        String bankA = KeycloakTokens.accessToken("bank-a");
        String bankB = KeycloakTokens.accessToken("bank-b");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(bankB)
                .when().get(REPORT, smeId)
                .then().statusCode(200)
                .body("reasons", empty())
                .body("featuresAsOf", equalTo("2024-06-01T00:00:00Z"))
                .body("featuresSummary.feature", contains("output_units_per_day_90d", "utilisation_30d",
                        "quality_rate_30d", "days_since_output")));

        given().auth().oauth2(bankB)
                .when().get(REPORT, smeId)
                .then().statusCode(200)
                .body("featuresSummary[1].value", equalTo(0.78f))
                .body("featuresSummary[1].unit", equalTo("share"))
                .body("featuresSummary[1].windowDays", equalTo(30))
                .body("featuresSummary[1].meaning", containsString("run / (run + idle + down)"))
                .body("featuresSummary[1].cohortPercentile", equalTo(0.81f))
                .body("featuresSummary[2].cohortPercentile", equalTo(0.66f))
                .body("featuresSummary[0].unit", equalTo("units/day"))
                .body("featuresSummary[0]", not(hasKey("cohortPercentile")))
                .body("featuresSummary[3].meaning", containsString("days from the last day with output"))
                .body("featuresSummary[3]", not(hasKey("windowDays")));

        given().auth().oauth2(bankA)
                .when().get(REPORT, smeId)
                .then().statusCode(200)
                .body("score", equalTo(760))
                .body("$", not(hasKey("featuresSummary")))
                .body("$", not(hasKey("featuresAsOf")));
    }

    @Test
    void featuresSummaryIsEmptyWhileNoFeatureVectorIsKnown() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-b", "credit-report,features-summary");
        Fixtures.score(smeId, 700, 0.01, "B", Instant.parse("2024-06-01T00:00:00Z"));

        given().auth().oauth2(KeycloakTokens.accessToken("bank-b"))
                .when().get(REPORT, smeId)
                .then().statusCode(200)
                .body("featuresSummary", empty())
                .body("$", not(hasKey("featuresAsOf")));
    }

    /**
     * Reports requested at the same moment are read together (one query per batch): each answer must still be the
     * one its own bank and SME call for, and each read audited under its own bank's consent.
     */
    @Test
    void concurrentReportsOfSeveralBanksAndSmesEachGetTheirOwnAnswerAndAuditRecord() throws Exception {
        String both = Fixtures.freshSmeId();
        String onlyA = Fixtures.freshSmeId();
        String unscored = Fixtures.freshSmeId();
        UUID aOnBoth = Fixtures.validConsent(both, "bank-a", "credit-report");
        UUID bOnBoth = Fixtures.validConsent(both, "bank-b", "credit-report,features-summary");
        Fixtures.validConsent(onlyA, "bank-a", "credit-report");
        Fixtures.validConsent(unscored, "bank-b", "credit-report");
        Fixtures.score(both, 710, 0.02, "B", Instant.parse("2024-06-01T00:00:00Z"));
        Fixtures.features(both, Instant.parse("2024-06-01T00:00:00Z"), "{\"utilisation_30d\":0.78}");
        Fixtures.score(onlyA, 650, 0.05, "C", Instant.parse("2024-06-02T00:00:00Z"));
        String bankA = KeycloakTokens.accessToken("bank-a");
        String bankB = KeycloakTokens.accessToken("bank-b");
        int rounds = 10;
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            calls.add(() -> {
                given().auth().oauth2(bankA).get(REPORT, both).then().statusCode(200)
                        .body("score", equalTo(710)).body("$", not(hasKey("featuresSummary")));
                return null;
            });
            calls.add(() -> {
                given().auth().oauth2(bankB).get(REPORT, both).then().statusCode(200)
                        .body("score", equalTo(710)).body("featuresSummary.feature", contains("utilisation_30d"));
                return null;
            });
            calls.add(() -> {
                given().auth().oauth2(bankA).get(REPORT, onlyA).then().statusCode(200).body("score", equalTo(650));
                return null;
            });
            calls.add(() -> {
                given().auth().oauth2(bankB).get(REPORT, onlyA).then().statusCode(403);
                return null;
            });
            calls.add(() -> {
                given().auth().oauth2(bankB).get(REPORT, unscored).then().statusCode(404);
                return null;
            });
        }
        allAtOnce(calls);

        assertThat(auditedReads(both, aOnBoth)).isEqualTo(rounds);
        assertThat(auditedReads(both, bOnBoth)).isEqualTo(rounds);
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE action = 'ACCESS_DENIED' AND actor_id = 'bank-b' AND sme_id = ?")) {
            s.setString(1, onlyA);
            ResultSet rows = s.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(rounds);
        }
    }

    @Test
    void aStoredScoreThatCannotBeReadFailsOnlyItsOwnReports() throws Exception {
        String broken = Fixtures.freshSmeId();
        String fine = Fixtures.freshSmeId();
        Fixtures.validConsent(broken, "bank-a", "credit-report");
        Fixtures.validConsent(fine, "bank-a", "credit-report");
        Fixtures.score(broken, 640, 0.04, "C", Instant.parse("2024-06-01T00:00:00Z"));
        Fixtures.score(fine, 690, 0.03, "B", Instant.parse("2024-06-01T00:00:00Z"));
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE sme_latest_score SET reasons = 'not json' WHERE sme_id = ?")) {
            s.setString(1, broken);
            s.executeUpdate();
        }
        String bank = KeycloakTokens.accessToken("bank-a");
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> {
                given().auth().oauth2(bank).get(REPORT, broken).then().statusCode(500)
                        .contentType("application/problem+json");
                return null;
            });
            calls.add(() -> {
                given().auth().oauth2(bank).get(REPORT, fine).then().statusCode(200).body("score", equalTo(690));
                return null;
            });
        }
        allAtOnce(calls);
    }

    /** Each connection plans a prepared statement once: see application.properties, plan_cache_mode. */
    @Test
    void theServicesConnectionsPlanEachPreparedStatementOnce() {
        String mode = db.query("SHOW plan_cache_mode").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
        assertThat(mode).isEqualTo("force_generic_plan");
    }

    /** Sends the requests at the same moment, so reads are batched together; fails with the first failed check. */
    private static void allAtOnce(List<Callable<Void>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            for (Future<Void> answered : pool.invokeAll(calls)) {
                answered.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int auditedReads(String smeId, UUID consentId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE action = 'CREDIT_REPORT_READ' AND sme_id = ? AND resource_id = ?")) {
            s.setString(1, smeId);
            s.setString(2, consentId.toString());
            ResultSet rows = s.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }
}
