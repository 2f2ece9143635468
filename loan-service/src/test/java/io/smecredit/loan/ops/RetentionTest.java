package io.smecredit.loan.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.common.Housekeeping;
import io.smecredit.testsupport.ManagementInterface;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Decisions past their retention and idempotency keys past theirs are purged; younger ones stay. */
@QuarkusTest
class RetentionTest {

    private static final String PURGED_DECISIONS = "loan_housekeeping_purged_total{kind=\"decisions\"}";
    private static final String PURGED_KEYS = "loan_housekeeping_purged_total{kind=\"idempotency-keys\"}";

    @Inject
    Housekeeping housekeeping;

    @Test
    void decisionsPastRetentionAndOldIdempotencyKeysArePurgedWhileRecentOnesStay() throws Exception {
        String smeId = Fixtures.freshSmeId();
        UUID kept = Fixtures.approvedApplication(smeId, "bank-a");
        UUID expired = Fixtures.approvedApplication(smeId, "bank-a");
        String oldKey = "old-" + UUID.randomUUID();
        String freshKey = "fresh-" + UUID.randomUUID();
        try (Connection c = Fixtures.connect()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM credit_application WHERE id = ?")) {
                s.setObject(1, expired);
                s.executeUpdate();
            }
            // Re-insert it as declined 26 months ago, i.e. past the default 25-month retention.
            insertDecision(c, expired, smeId, "DECLINE", 1, "26 months");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_key (bank_id, idem_key, "
                    + "request_hash, response_status, response_body, created_at) VALUES ('bank-a', ?, ?, 201, '{}', "
                    + "now() - ?::interval)")) {
                s.setString(1, oldKey);
                s.setString(2, "0".repeat(64));
                s.setString(3, "49 hours");
                s.executeUpdate();
                s.setString(1, freshKey);
                s.setString(3, "23 hours");
                s.executeUpdate();
            }
        }

        double decisionsPurgedBefore = ManagementInterface.metric(PURGED_DECISIONS);
        double keysPurgedBefore = ManagementInterface.metric(PURGED_KEYS);
        long roundStarted = Instant.now().getEpochSecond();

        housekeeping.purge().await().atMost(Duration.ofSeconds(30));

        // Operators see that retention ran and what it deleted (other tests' rows may be purged in the same round).
        assertThat(ManagementInterface.metric(PURGED_DECISIONS)).isGreaterThanOrEqualTo(decisionsPurgedBefore + 1);
        assertThat(ManagementInterface.metric(PURGED_KEYS)).isGreaterThanOrEqualTo(keysPurgedBefore + 1);
        assertThat(ManagementInterface.metric("loan_housekeeping_last_success_timestamp_seconds"))
                .isGreaterThanOrEqualTo(roundStarted);
        try (Connection c = Fixtures.connect()) {
            assertThat(exists(c, "SELECT 1 FROM credit_application WHERE id = '" + expired + "'")).isFalse();
            assertThat(exists(c, "SELECT 1 FROM credit_application WHERE id = '" + kept + "'")).isTrue();
            assertThat(exists(c, "SELECT 1 FROM idempotency_key WHERE idem_key = '" + oldKey + "'")).isFalse();
            assertThat(exists(c, "SELECT 1 FROM idempotency_key WHERE idem_key = '" + freshKey + "'")).isTrue();
        }
    }

    @Test
    void aCreditIsKeptWhileItsTermRunsAndAfterItsLastOutcomeForTheRetentionPeriod() throws Exception {
        String smeId = Fixtures.freshSmeId();
        UUID running = UUID.randomUUID();
        UUID lateOutcome = UUID.randomUUID();
        UUID over = UUID.randomUUID();
        try (Connection c = Fixtures.connect()) {
            // Each decided long enough ago that its 25-month retention counted from the decision has passed.
            insertDecision(c, running, smeId, "APPROVE", 60, "26 months");
            insertDecision(c, lateOutcome, smeId, "APPROVE", 12, "40 months");
            insertDecision(c, over, smeId, "APPROVE", 1, "27 months");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO credit_outcome (event_id, application_id, "
                    + "type, outcome_date, days_past_due, recorded_at) VALUES (?, ?, 'PAST_DUE', current_date, 40, "
                    + "now() - interval '3 months')")) {
                s.setObject(1, UUID.randomUUID());
                s.setObject(2, lateOutcome);
                s.executeUpdate();
            }
        }

        housekeeping.purge().await().atMost(Duration.ofSeconds(30));

        try (Connection c = Fixtures.connect()) {
            assertThat(exists(c, "SELECT 1 FROM credit_application WHERE id = '" + running + "'"))
                    .as("a 60-month loan decided 26 months ago still runs").isTrue();
            assertThat(exists(c, "SELECT 1 FROM credit_application WHERE id = '" + lateOutcome + "'"))
                    .as("an outcome reported 3 months ago").isTrue();
            assertThat(exists(c, "SELECT 1 FROM credit_outcome WHERE application_id = '" + lateOutcome + "'"))
                    .isTrue();
            assertThat(exists(c, "SELECT 1 FROM credit_application WHERE id = '" + over + "'"))
                    .as("a 1-month credit that ended 26 months ago, no outcomes").isFalse();
        }
    }

    /** A decision made {@code ago} with the default 25-month retention counted from then, as the service stores it. */
    private static void insertDecision(Connection c, UUID id, String smeId, String decision, int termMonths, String ago)
            throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO credit_application (id, bank_id, sme_id, "
                + "product, amount, currency, term_months, created_at, decision, limit_amount, reasons, inputs, "
                + "policy_version, retain_until) VALUES (?, 'bank-a', ?, 'EQUIPMENT', 1, 'EUR', ?, now() - ?::interval, "
                + "?, 1, '[]', '{}', 'old', now() - ?::interval + interval '25 months')")) {
            s.setObject(1, id);
            s.setString(2, smeId);
            s.setInt(3, termMonths);
            s.setString(4, ago);
            s.setString(5, decision);
            s.setString(6, ago);
            s.executeUpdate();
        }
    }

    @Test
    void theBareBenchmarkBaselineAnswersWithoutAToken() {
        given().get("/api/v1/ping").then().statusCode(200).contentType("application/json");
    }

    private static boolean exists(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next();
        }
    }
}
