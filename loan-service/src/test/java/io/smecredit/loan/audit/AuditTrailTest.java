package io.smecredit.loan.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import io.smecredit.loan.audit.domain.AuditEntry;
import io.smecredit.loan.audit.domain.AuditRecord;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every bank read leaves a chained audit record; the SME sees it; an edit made directly in the database is found. */
@QuarkusTest
class AuditTrailTest {

    private static final String REPORT = "/api/v1/smes/{smeId}/credit-report";

    @Inject
    AuditBatcher auditBatcher;

    @Test
    void concurrentReadsAreEachRecordedOnceInOneUnbrokenChain() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 710, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");

        List<CompletableFuture<Integer>> reads = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().auth().oauth2(bank)
                        .get(REPORT, smeId).statusCode()))
                .toList();
        assertThat(reads.stream().map(CompletableFuture::join)).containsOnly(200);

        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE sme_id = ? AND action = 'CREDIT_REPORT_READ' AND actor_id = ?")) {
            s.setString(1, smeId);
            s.setString(2, "bank-a");
            ResultSet rs = s.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(12);
        }
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void readsStayChainedWhenAnotherWriterMovedTheHeadBetweenThem() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 705, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");
        double staleBefore = staleHeadRetries();

        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);
        // A consent request appends its record in its own transaction, behind the read batcher's back.
        given().auth().oauth2(bank).contentType("application/json")
                .body("{\"smeId\":\"" + smeId + "\",\"scopes\":[\"monitoring\"],\"purpose\":\"Audit test\","
                        + "\"expiresAt\":\"" + Instant.now().plusSeconds(86_400) + "\"}")
                .post("/api/v1/consent-requests").then().statusCode(201);
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);

        assertThat(staleHeadRetries()).isGreaterThan(staleBefore);
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT action FROM audit_log WHERE sme_id = ? ORDER BY seq")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            List<String> actions = new ArrayList<>();
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
            assertThat(actions).containsExactly("CREDIT_REPORT_READ", "CONSENT_REQUESTED", "CREDIT_REPORT_READ");
        }
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    private static double staleHeadRetries() {
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("loan_audit_batch_stale_head_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                .findFirst().orElse(0);
    }

    @Test
    void theSmeOwnerSeesWhichBankReadItsReport() {
        // sme-003, and a consent of minutes: the end-to-end journey checks that bank-b cannot read sme-005.
        Fixtures.scoreIfAbsent("sme-003", 700, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.consent("sme-003", "bank-b", "credit-report", "valid", Instant.now().plusSeconds(300));
        given().auth().oauth2(KeycloakTokens.accessToken("bank-b")).get(REPORT, "sme-003").then().statusCode(200);

        given().auth().oauth2(KeycloakTokens.smeOwnerToken("sme-003")).get("/api/v1/me/access-log")
                .then().statusCode(200)
                .body("[0].actorType", equalTo("bank"))
                .body("[0].actor", equalTo("bank-b"))
                .body("[0].action", equalTo("CREDIT_REPORT_READ"))
                .body("actor", hasItem("bank-b"));
    }

    @Test
    void theOwnerPagesBackThroughTheWholeAccessLogWithoutGapsOrRepeats() {
        Fixtures.scoreIfAbsent("sme-003", 700, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.consent("sme-003", "bank-b", "credit-report", "valid", Instant.now().plusSeconds(300));
        String bankB = KeycloakTokens.accessToken("bank-b");
        for (int i = 0; i < 7; i++) {
            given().auth().oauth2(bankB).get(REPORT, "sme-003").then().statusCode(200);
        }
        String owner = KeycloakTokens.smeOwnerToken("sme-003");

        var first = given().auth().oauth2(owner).queryParam("limit", 3).get("/api/v1/me/access-log")
                .then().statusCode(200).extract();
        List<Long> newest = first.jsonPath().getList("seq", Long.class);
        assertThat(newest).hasSize(3);
        // Everything up to the first page's newest record, in one page: what paging must reproduce even if new
        // records arrive meanwhile (the cursor is a seq, not an offset).
        List<Long> expected = given().auth().oauth2(owner)
                .queryParam("before", newest.get(0) + 1).queryParam("limit", 200).get("/api/v1/me/access-log")
                .then().statusCode(200).extract().jsonPath().getList("seq", Long.class);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(7).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        // Five pages are enough to show the cursor works; the log of a demo SME only grows.
        int enough = Math.min(expected.size(), 15);
        List<Long> paged = new ArrayList<>(newest);
        String next = first.header("Link");
        while (next != null && paged.size() < enough) {
            assertThat(next).matches("</api/v1/me/access-log\\?before=\\d+&limit=3>; rel=\"next\"");
            var page = given().auth().oauth2(owner).get(next.substring(1, next.indexOf('>'))).then().statusCode(200)
                    .extract();
            List<Long> seqs = page.jsonPath().getList("seq", Long.class);
            assertThat(seqs).hasSizeLessThanOrEqualTo(3);
            paged.addAll(seqs);
            next = page.header("Link");
        }
        assertThat(paged).hasSizeGreaterThanOrEqualTo(enough);
        assertThat(paged).isEqualTo(expected.subList(0, paged.size()));
    }

    @Test
    void aBadAccessLogCursorOrPageSizeIsNamedInTheProblem() {
        String owner = KeycloakTokens.smeOwnerToken("sme-003");
        given().auth().oauth2(owner).queryParam("before", "yesterday").queryParam("limit", 0)
                .get("/api/v1/me/access-log")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("before", "limit")));
        given().auth().oauth2(owner).queryParam("limit", 201).get("/api/v1/me/access-log")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("limit")))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("1 to 200"));
        given().auth().oauth2(owner).queryParam("before", -5).get("/api/v1/me/access-log")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("before")));
    }

    @Test
    void aPageShorterThanItsLimitIsTheLastOne() {
        given().auth().oauth2(KeycloakTokens.smeOwnerToken("sme-003")).queryParam("before", 1)
                .get("/api/v1/me/access-log")
                .then().statusCode(200).body("size()", equalTo(0)).header("Link", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aRecordEditedDirectlyInTheDatabaseIsReportedAsTheFirstBrokenOne() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 710, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get(REPORT, smeId).then().statusCode(200);
        String ops = KeycloakTokens.accessToken("ops");
        given().auth().oauth2(ops).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        long seq;
        String original;
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT seq, actor_id FROM audit_log WHERE sme_id = ? AND action = 'CREDIT_REPORT_READ'")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            rs.next();
            seq = rs.getLong(1);
            original = rs.getString(2);
        }
        try {
            // Hide which bank read the report, the way someone with database access might.
            rewriteActor(seq, "bank-b");

            given().auth().oauth2(ops).get("/api/v1/audit/verify")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            rewriteActor(seq, original);
        }
        given().auth().oauth2(ops).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aDeniedAttemptIsAuditedAndShownToAnExistingSmeButTheBankSeesTheSameDenialForAnUnknownOne() throws Exception {
        // bank-b must never read sme-005 (the end-to-end journey checks it), so its attempt is always a denial.
        Fixtures.scoreIfAbsent("sme-005", 700, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        String bankB = KeycloakTokens.accessToken("bank-b");
        String known = given().auth().oauth2(bankB).get(REPORT, "sme-005")
                .then().statusCode(403).contentType("application/problem+json").extract().path("detail");
        String unknownSme = Fixtures.freshSmeId();
        String unknown = given().auth().oauth2(bankB).get(REPORT, unknownSme)
                .then().statusCode(403).contentType("application/problem+json").extract().path("detail");
        assertThat(unknown).isEqualTo(known);

        given().auth().oauth2(KeycloakTokens.smeOwnerToken("sme-005")).get("/api/v1/me/access-log")
                .then().statusCode(200)
                .body("find { it.action == 'ACCESS_DENIED' && it.actor == 'bank-b' }.denied", equalTo(true))
                .body("find { it.action == 'ACCESS_DENIED' && it.actor == 'bank-b' }.details",
                        org.hamcrest.Matchers.containsString("scope=credit-report"));
        // The attempt on an SME that does not exist is kept for operators, attached to no SME.
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE action = 'ACCESS_DENIED' AND actor_id = 'bank-b' "
                        + "AND sme_id IS NULL AND details LIKE ?")) {
            s.setString(1, "%smeId=" + unknownSme + " (unknown SME)%");
            ResultSet rs = s.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    /**
     * Any bank can ask for consent of any id, so a consent request that was never approved says nothing of the SME
     * existing: another bank's probing of that id stays off the id's access log, on either path that checks consent
     * (the batched credit report and the consent guard of applications).
     */
    @Test
    void aConsentRequestForAnUnknownIdDoesNotFileAnotherBanksProbingUnderThatId() throws Exception {
        String unknownSme = Fixtures.freshSmeId();
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).contentType("application/json")
                .body("{\"smeId\":\"" + unknownSme + "\",\"scopes\":[\"credit-report\"],\"purpose\":\"Probe\","
                        + "\"expiresAt\":\"" + Instant.now().plusSeconds(86_400) + "\"}")
                .post("/api/v1/consent-requests").then().statusCode(201);
        String bankB = KeycloakTokens.accessToken("bank-b");

        given().auth().oauth2(bankB).get(REPORT, unknownSme).then().statusCode(403);
        given().auth().oauth2(bankB).queryParam("smeId", unknownSme).get("/api/v1/credit-applications")
                .then().statusCode(403);

        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE sme_id IS NULL AND details LIKE ?), count(*) FILTER (WHERE sme_id = ?) "
                        + "FROM audit_log WHERE action = 'ACCESS_DENIED' AND actor_id = 'bank-b' "
                        + "AND (sme_id = ? OR details LIKE ?)")) {
            s.setString(1, "%smeId=" + unknownSme + " (unknown SME)%");
            s.setString(2, unknownSme);
            s.setString(3, unknownSme);
            s.setString(4, "%smeId=" + unknownSme + "%");
            ResultSet rs = s.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("denials kept for operators only").isEqualTo(2);
            assertThat(rs.getInt(2)).as("denials filed under the id").isZero();
        }
    }

    @Test
    void whileTheTrailCannotBeWrittenAReadIsRefusedWith503AndADenialStaysThe403() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 712, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bankA = KeycloakTokens.accessToken("bank-a");
        String bankB = KeycloakTokens.accessToken("bank-b");
        // A record written outside the service right after the head: every append now collides with it.
        long stray = insertRecordAfterTheHead();
        try {
            given().auth().oauth2(bankA).get(REPORT, smeId)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("dependency-unavailable"))
                    .body("detail", org.hamcrest.Matchers.containsString("audit trail"));
            given().auth().oauth2(bankB).get(REPORT, smeId)
                    .then().statusCode(403).contentType("application/problem+json");
        } finally {
            deleteRecord(stray);
        }
        given().auth().oauth2(bankA).get(REPORT, smeId).then().statusCode(200);
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE sme_id = ? AND action = 'CREDIT_REPORT_READ'")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("only the read that was served is recorded").isEqualTo(1);
        }
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aLogRewrittenWithRecomputedHashesPassesTheChainButNotACheckpointKeptOutsideIt() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 714, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get(REPORT, smeId).then().statusCode(200);
        String ops = KeycloakTokens.accessToken("ops");
        var checked = given().auth().oauth2(ops).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true)).extract().jsonPath();
        long headSeq = checked.getLong("headSeq");
        String headHash = checked.getString("headHash");
        assertThat(headHash).matches("[0-9a-f]{64}");

        AuditRecord original = readRecord(headSeq);
        AuditRecord forged = new AuditRecord(original.seq(), original.occurredAt(), original.actorType(), "bank-z",
                original.action(), original.smeId(), original.resourceId(), original.details(), original.prevHash(),
                null);
        forged = new AuditRecord(forged.seq(), forged.occurredAt(), forged.actorType(), forged.actorId(),
                forged.action(), forged.smeId(), forged.resourceId(), forged.details(), forged.prevHash(),
                forged.expectedHash());
        rewriteWithHash(forged);
        try {
            given().auth().oauth2(ops).get("/api/v1/audit/verify")
                    .then().statusCode(200).body("intact", equalTo(true)).body("headHash", equalTo(forged.hash()));
            given().auth().oauth2(ops)
                    .queryParam("checkpointSeq", headSeq).queryParam("checkpointHash", headHash)
                    .get("/api/v1/audit/verify")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) headSeq))
                    .body("reason", org.hamcrest.Matchers.containsString("checkpoint"));
        } finally {
            rewriteWithHash(original);
        }
        given().auth().oauth2(ops).queryParam("checkpointSeq", headSeq).queryParam("checkpointHash", headHash)
                .get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        // A checkpoint beyond the log's end means records were removed, head included.
        given().auth().oauth2(ops).queryParam("checkpointSeq", Long.MAX_VALUE).queryParam("checkpointHash", headHash)
                .get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(false));
    }

    @Test
    void aHalfOrMalformedCheckpointIsA400NamingEachBadParameter() {
        String ops = KeycloakTokens.accessToken("ops");
        given().auth().oauth2(ops).queryParam("checkpointSeq", 3).get("/api/v1/audit/verify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("checkpointHash"));
        given().auth().oauth2(ops).queryParam("checkpointSeq", "0").queryParam("checkpointHash", "abc")
                .get("/api/v1/audit/verify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("checkpointSeq", "checkpointHash"));
    }

    private static AuditRecord readRecord(long seq) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT " + AUDIT_COLUMNS + " FROM audit_log WHERE seq = ?")) {
            s.setLong(1, seq);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return new AuditRecord(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getString(8), rs.getString(9).trim(), rs.getString(10).trim());
        }
    }

    /** Rewrites the record's actor and hash and the head's hash, as someone with database access could. */
    private static void rewriteWithHash(AuditRecord record) throws Exception {
        try (Connection c = Fixtures.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); PreparedStatement u = c.prepareStatement(
                    "UPDATE audit_log SET actor_id = ?, hash = ? WHERE seq = ?"); PreparedStatement head =
                         c.prepareStatement("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1 AND last_seq = ?")) {
                s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
                u.setString(1, record.actorId());
                u.setString(2, record.hash());
                u.setLong(3, record.seq());
                assertThat(u.executeUpdate()).isEqualTo(1);
                s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
                head.setString(1, record.hash());
                head.setLong(2, record.seq());
                assertThat(head.executeUpdate()).as("the record is still the head").isEqualTo(1);
            }
            c.commit();
        }
    }

    /** Inserts a record at the head's sequence + 1 without moving the head (inserts are allowed); returns its seq. */
    private static long insertRecordAfterTheHead() throws Exception {
        try (Connection c = Fixtures.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT last_seq FROM audit_chain_head WHERE id = 1");
            rs.next();
            long seq = rs.getLong(1) + 1;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (" + AUDIT_COLUMNS
                    + ") VALUES (?, now(), 'BANK', 'nobody', 'FORGED', NULL, NULL, 'x', ?, ?)")) {
                insert.setLong(1, seq);
                insert.setString(2, "0".repeat(64));
                insert.setString(3, "0".repeat(64));
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            return seq;
        }
    }

    @Test
    void operatorsPageThroughTheLogByFilterCanRecheckEachHashAndTheirReadIsRecordedToo() {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 716, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bankA = KeycloakTokens.accessToken("bank-a");
        given().auth().oauth2(bankA).get(REPORT, smeId).then().statusCode(200);
        given().auth().oauth2(bankA).get(REPORT, smeId).then().statusCode(200);
        given().auth().oauth2(KeycloakTokens.accessToken("bank-b")).get(REPORT, smeId).then().statusCode(403);
        String ops = KeycloakTokens.accessToken("ops");

        var all = given().auth().oauth2(ops).queryParam("smeId", smeId).get("/api/v1/audit/records")
                .then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("action", String.class))
                .containsSubsequence("ACCESS_DENIED", "CREDIT_REPORT_READ", "CREDIT_REPORT_READ");
        assertThat(all.getList("smeId", String.class)).containsOnly(smeId);
        // What the bank was shown can be told from the record: score, PD and grade, the model and the data's date.
        assertThat(all.getList("details", String.class)).filteredOn(d -> d.startsWith("score=716"))
                .hasSize(2).allMatch(d -> d.contains("pd=0.02") && d.contains("grade=B") && d.contains("asOf="));
        List<Long> seqs = all.getList("seq", Long.class);
        assertThat(seqs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        for (int i = 0; i < seqs.size(); i++) {
            String at = "[" + i + "].";
            AuditRecord shown = new AuditRecord(all.getLong(at + "seq"), Instant.parse(all.getString(at + "occurredAt")),
                    all.getString(at + "actorType"), all.getString(at + "actor"), all.getString(at + "action"),
                    all.getString(at + "smeId"), all.getString(at + "resourceId"), all.getString(at + "details"),
                    all.getString(at + "prevHash"), all.getString(at + "hash"));
            assertThat(shown.expectedHash()).as("record %d rechecked from the API alone", shown.seq())
                    .isEqualTo(shown.hash());
        }

        // One record per page, following the Link header: the filter is kept, nothing is skipped or repeated.
        String next = given().auth().oauth2(ops).queryParam("smeId", smeId).queryParam("limit", 1)
                .get("/api/v1/audit/records").then().statusCode(200)
                .body("seq", equalTo(List.of(seqs.get(0).intValue()))).extract().header("Link");
        assertThat(next).contains("smeId=" + smeId).contains("before=" + seqs.get(0)).endsWith("rel=\"next\"");
        String nextPath = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
        given().auth().oauth2(ops).get(nextPath).then().statusCode(200)
                .body("seq", equalTo(List.of(seqs.get(1).intValue())));

        given().auth().oauth2(ops).queryParam("smeId", smeId).queryParam("action", "ACCESS_DENIED")
                .get("/api/v1/audit/records").then().statusCode(200)
                .body("actor", equalTo(List.of("bank-b")));
        // The operator is named by its client id, as the scoring service names it, not Keycloak's service-account user.
        given().auth().oauth2(ops).queryParam("action", "AUDIT_LOG_READ").queryParam("actor", "ops")
                .queryParam("limit", 1)
                .get("/api/v1/audit/records").then().statusCode(200)
                .body("[0].actorType", equalTo("operator"))
                .body("[0].actor", equalTo("ops"))
                .body("[0].details", org.hamcrest.Matchers.containsString("action=ACCESS_DENIED"));

        given().auth().oauth2(bankA).get("/api/v1/audit/records")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ops).queryParam("actor", "bank a").queryParam("limit", 0)
                .queryParam("smeId", "BAD_ID")
                .get("/api/v1/audit/records")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("smeId", "actor", "limit"));
    }

    @Test
    void anActorWithAUsernameOfTheLongestLengthKeycloakAllowsIsRecordedAndCanBeLookedUp() {
        // Keycloak usernames and client ids are up to 255 characters; the record must keep the whole name.
        String operator = "auditor." + "x".repeat(247);
        AuditRecord written = auditBatcher.append(AuditEntry.byOperator(operator, "AUDIT_LOG_READ",
                "smeId=null; actor=null; action=null; before=newest; records=0")).await().atMost(Duration.ofSeconds(30));
        String ops = KeycloakTokens.accessToken("ops");

        given().auth().oauth2(ops).queryParam("actor", operator).get("/api/v1/audit/records")
                .then().statusCode(200)
                .body("seq", equalTo(List.of((int) written.seq())))
                .body("[0].actor", equalTo(operator))
                .body("[0].hash", equalTo(written.hash()));
        given().auth().oauth2(ops).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void onlyOperatorsMayVerifyTheChain() {
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get("/api/v1/audit/verify")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theApplicationCannotQuietlyEditTheLog() throws Exception {
        try (Connection c = Fixtures.connect(); Statement s = c.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                    s.executeUpdate("UPDATE audit_log SET details = 'x' WHERE seq = (SELECT max(seq) FROM audit_log)")))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aRecordDeletedDirectlyInTheDatabaseBreaksTheChainAtTheRecordAfterIt() throws Exception {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 710, 0.02, "B", Instant.parse("2024-05-01T00:00:00Z"));
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        String bank = KeycloakTokens.accessToken("bank-a");
        // Two reads, so the first one's record is in the middle of the chain, not at its end.
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);
        given().auth().oauth2(bank).get(REPORT, smeId).then().statusCode(200);
        String ops = KeycloakTokens.accessToken("ops");
        given().auth().oauth2(ops).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        long seq;
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT min(seq) FROM audit_log WHERE sme_id = ? AND action = 'CREDIT_REPORT_READ'")) {
            s.setString(1, smeId);
            ResultSet rs = s.executeQuery();
            rs.next();
            seq = rs.getLong(1);
        }
        Object[] deleted = deleteRecord(seq);
        try {
            // Hide that the bank read the report at all.
            given().auth().oauth2(ops).get("/api/v1/audit/verify")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq + 1))
                    .body("reason", org.hamcrest.Matchers.containsString("missing"));
        } finally {
            restoreRecord(deleted);
        }
        given().auth().oauth2(ops).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private static final String AUDIT_COLUMNS =
            "seq, occurred_at, actor_type, actor_id, action, sme_id, resource_id, details, prev_hash, hash";

    /** Deletes one record as someone with database access might, lifting the trigger in this transaction only. */
    private static Object[] deleteRecord(long seq) throws Exception {
        try (Connection c = Fixtures.connect()) {
            c.setAutoCommit(false);
            Object[] row = new Object[10];
            try (Statement s = c.createStatement(); PreparedStatement read = c.prepareStatement(
                    "SELECT " + AUDIT_COLUMNS + " FROM audit_log WHERE seq = ?"); PreparedStatement delete =
                         c.prepareStatement("DELETE FROM audit_log WHERE seq = ?")) {
                read.setLong(1, seq);
                ResultSet rs = read.executeQuery();
                assertThat(rs.next()).isTrue();
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
                delete.setLong(1, seq);
                assertThat(delete.executeUpdate()).isEqualTo(1);
                s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
            c.commit();
            return row;
        }
    }

    /** Puts the deleted record back exactly as it was (inserts are allowed), so later tests see an intact chain. */
    private static void restoreRecord(Object[] row) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit_log (" + AUDIT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < row.length; i++) {
                insert.setObject(i + 1, row[i]);
            }
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** The append-only trigger is lifted only inside this one transaction. */
    private static void rewriteActor(long seq, String actor) throws Exception {
        try (Connection c = Fixtures.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); PreparedStatement u = c.prepareStatement(
                    "UPDATE audit_log SET actor_id = ? WHERE seq = ?")) {
                s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
                u.setString(1, actor);
                u.setLong(2, seq);
                assertThat(u.executeUpdate()).isEqualTo(1);
                s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
            c.commit();
        }
    }
}
