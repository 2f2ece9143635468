package io.smecredit.loan.report;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditRecord;
import io.smecredit.loan.audit.domain.DisclosureBasis;
import io.smecredit.loan.audit.service.AuditBatcher;
import io.smecredit.testsupport.ManagementInterface;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * A bank's repeated read of the same report is answered from memory, but only once the statement that commits its
 * audit record has found the consent, the scopes and the SME's latest score unchanged. Each change below is made
 * directly in the database, as another instance of the service would make it, so this instance learns of it only
 * through that check.
 */
@QuarkusTest
class CreditReportReuseTest {

    private static final String REPORT = "/api/v1/smes/{smeId}/credit-report";
    private static final Instant SCORED = Instant.parse("2024-05-01T00:00:00Z");

    @Inject
    AuditBatcher auditBatcher;

    @Test
    void aRepeatedReadIsAnsweredFromMemoryAndEachReadIsRecorded() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 701, 0.02, "B", SCORED);
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");
        double fromMemoryBefore = readsFrom("memory");

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200).body("score", equalTo(701));
        }

        assertThat(readsFrom("memory") - fromMemoryBefore).isEqualTo(2);
        assertThat(auditOf(smeId, "action")).containsExactly("CREDIT_REPORT_READ", "CREDIT_REPORT_READ",
                "CREDIT_REPORT_READ");
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aRevocationMadeElsewhereRefusesTheVeryNextReadAndNoReadIsRecordedForIt() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 702, 0.02, "B", SCORED);
        UUID consent = Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);

        Fixtures.consentStatus(consent, "revokedBySme");
        double failedBefore = failedBases();

        given().auth().oauth2(bank).get(REPORT, smeId)
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(failedBases() - failedBefore).isEqualTo(1);
        assertThat(auditOf(smeId, "action"))
                .containsExactly("CREDIT_REPORT_READ", "CREDIT_REPORT_READ", "ACCESS_DENIED");
    }

    /** A late event rescores a day: a new score with the same asOf, written as the score consumer writes it. */
    @Test
    void aRescoredDayIsShownOnTheVeryNextReadAndRecordedAsShown() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 703, 0.02, "B", SCORED);
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200).body("score", equalTo(703));

        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE sme_latest_score SET score = 640, grade = 'C', updated_at = now() WHERE sme_id = ?")) {
            s.setString(1, smeId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        double failedBefore = failedBases();

        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200)
                .body("score", equalTo(640)).body("grade", equalTo("C"))
                .body("asOf", equalTo(SCORED.toString()));
        assertThat(failedBases() - failedBefore).isEqualTo(1);
        assertThat(lastReadDetails(smeId)).startsWith("score=640;");
    }

    @Test
    void anotherBanksReadIsCheckedAgainstItsOwnConsentAndRecordedAsItsOwn() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 706, 0.02, "B", SCORED);
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bankA = KeycloakTokens.accessToken("bank-a");
        String bankB = KeycloakTokens.accessToken("bank-b");
        given().auth().oauth2(bankA).get(REPORT, smeId).then().statusCode(200);
        given().auth().oauth2(bankA).get(REPORT, smeId).then().statusCode(200);

        given().auth().oauth2(bankB).get(REPORT, smeId)
                .then().statusCode(403).contentType("application/problem+json");
        Fixtures.validConsent(smeId, "bank-b", "credit-report");
        given().auth().oauth2(bankB).get(REPORT, smeId).then().statusCode(200).body("score", equalTo(706));

        assertThat(auditOf(smeId, "actor_id || ' ' || action")).containsExactly("bank-a CREDIT_REPORT_READ",
                "bank-a CREDIT_REPORT_READ", "bank-b ACCESS_DENIED", "bank-b CREDIT_REPORT_READ");
    }

    @Test
    void aFeaturesSummaryGrantedByAnotherConsentShowsOnTheVeryNextRead() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 704, 0.02, "B", SCORED);
        Fixtures.features(smeId, SCORED, "{\"utilisation_30d\":0.7}");
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200).body("$", not(hasKey("featuresSummary")));
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200).body("$", not(hasKey("featuresSummary")));

        Fixtures.validConsent(smeId, "bank-a", "credit-report,features-summary");
        double failedBefore = failedBases();

        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200)
                .body("featuresSummary.feature", hasItem("utilisation_30d"));
        assertThat(failedBases() - failedBefore).isEqualTo(1);
        assertThat(lastReadDetails(smeId)).contains("featuresSummary=true");
    }

    /**
     * Four reads committed by one statement, one of them on a consent that does not exist: that one is left unrecorded
     * (answered null) and the other three are chained without a gap.
     */
    @Test
    void aReadWhoseBasisFailsIsLeftOutOfItsBatchAndTheOthersAreChained() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 705, 0.02, "B", SCORED);
        UUID consent = Fixtures.validConsent(smeId, "bank-a", "credit-report");
        OffsetDateTime written = scoreWrittenAt(smeId);
        DisclosureBasis holds = new DisclosureBasis(consent.toString(), "bank-a", smeId, false, written, null);
        DisclosureBasis fails = new DisclosureBasis(UUID.randomUUID().toString(), "bank-a", smeId, false, written,
                null);

        List<CompletableFuture<AuditRecord>> appended = new ArrayList<>();
        try (Connection lock = Fixtures.connect()) {
            // Holding the chain's head keeps a first batch in flight, so the next four are queued behind it together.
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE");
            }
            appended.add(append(smeId, "first", holds));
            await("the first batch waiting for the head").atMost(Duration.ofSeconds(20))
                    .until(() -> waitingForALock() > 0);
            appended.add(append(smeId, "second", holds));
            appended.add(append(smeId, "third", fails));
            appended.add(append(smeId, "fourth", holds));
            appended.add(append(smeId, "fifth", holds));
            lock.rollback();
        }

        List<AuditRecord> records = new ArrayList<>();
        for (CompletableFuture<AuditRecord> record : appended) {
            records.add(record.get(20, TimeUnit.SECONDS));
        }
        assertThat(records.get(2)).isNull();
        assertThat(records.get(3).seq()).isEqualTo(records.get(1).seq() + 1);
        assertThat(records.get(3).prevHash()).isEqualTo(records.get(1).hash());
        assertThat(records.get(4).prevHash()).isEqualTo(records.get(3).hash());
        assertThat(auditOf(smeId, "details")).containsExactly("first", "second", "fourth", "fifth");
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    private CompletableFuture<AuditRecord> append(String smeId, String details, DisclosureBasis basis) {
        return auditBatcher.appendIfBasisHolds(AuditEntry.byBank("bank-a", "CREDIT_REPORT_READ", smeId,
                basis.consentId(), details), basis).subscribeAsCompletionStage();
    }

    private static OffsetDateTime scoreWrittenAt(String smeId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT updated_at FROM sme_latest_score WHERE sme_id = ?")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private static double failedBases() {
        return ManagementInterface.metric("loan_audit_batch_failed_basis_total");
    }

    private static int waitingForALock() throws Exception {
        try (Connection c = Fixtures.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                     + "AND query LIKE 'WITH failed AS%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static double readsFrom(String source) {
        return ManagementInterface.metric("loan_report_reads_total{source=\"" + source + "\"}");
    }

    /** One column (or expression) of the SME's audit records, oldest first. */
    private static List<String> auditOf(String smeId, String column) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT " + column + " FROM audit_log WHERE sme_id = ? ORDER BY seq")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static String lastReadDetails(String smeId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT details FROM audit_log WHERE sme_id = ? AND action = 'CREDIT_REPORT_READ' "
                        + "ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
