package io.smecredit.e2e;

import io.restassured.http.ContentType;
import io.smecredit.testsupport.KeycloakTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton, end to end: a factory gateway posts telemetry with a real token, ingestion turns it into
 * features on Kafka, scoring scores them, and a partner bank reads the resulting credit report with its own
 * real token once the SME's owner has granted that bank consent. Every service runs as a packaged JVM against real
 * Kafka, PostgreSQL and Keycloak.
 */
class TelemetryToCreditReportJourneyTest {

    /** The demo realm of the Keycloak the services were started against (./platform test exports its URL). */
    private static final KeycloakTokens TOKENS = KeycloakTokens.ofRealm(
            System.getenv().getOrDefault("KEYCLOAK_URL", "http://127.0.0.1:8180") + "/realms/sme-credit");
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess ingestion;
    private static ServiceProcess loan;

    @BeforeAll
    static void startPlatform() throws Exception {
        ingestion = start("ingestion-service");
        start("scoring-service");
        loan = start("loan-service");
        SERVICES.forEach(ServiceProcess::awaitReady);
    }

    @AfterAll
    static void stopPlatform() throws InterruptedException {
        for (ServiceProcess service : SERVICES) {
            service.close();
        }
    }

    @Test
    void telemetryPostedByAGatewayBecomesACreditReportThatABankCanRead() {
        String gatewayToken = TOKENS.fresh("gateway-demo");
        String bankToken = TOKENS.fresh("bank-a");
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        given().auth().oauth2(gatewayToken)
                .contentType(ContentType.JSON)
                .body(List.of(
                        event("sme-005", "m-1", reportedAt, 3000, 400, 200, 1500, 30, 14.0),
                        event("sme-005", "m-2", reportedAt, 2400, 600, 600, 1100, 60, 12.5)))
                .post(ingestion.baseUrl() + "/api/v1/telemetry")
                .then().statusCode(202);

        // Banks see nothing without the SME's consent: the owner of sme-005 grants bank-a access first.
        String ownerToken = TOKENS.smeOwner("sme-005");
        given().auth().oauth2(ownerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("bankId", "bank-a", "scopes", List.of("credit-report"),
                        "purpose", "End-to-end journey", "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post(loan.baseUrl() + "/api/v1/me/consents")
                .then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("valid"));

        // bank-b holds no consent of sme-005 and is told nothing.
        given().auth().oauth2(TOKENS.fresh("bank-b"))
                .get(loan.baseUrl() + "/api/v1/smes/sme-005/credit-report")
                .then().statusCode(403).contentType("application/problem+json");

        // The report reflects this telemetry once its feature vector (as of the events' time) has been scored.
        await("credit report as of " + reportedAt)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().auth().oauth2(bankToken)
                        .get(loan.baseUrl() + "/api/v1/smes/sme-005/credit-report")
                        .then().statusCode(200)
                        .body("asOf", org.hamcrest.Matchers.equalTo(reportedAt.toString())));

        Map<String, Object> report = given().auth().oauth2(bankToken)
                .get(loan.baseUrl() + "/api/v1/smes/sme-005/credit-report")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().as(Map.class);
        assertThat(report).containsEntry("smeId", "sme-005");
        assertThat(((Number) report.get("pd")).doubleValue()).isStrictlyBetween(0.0, 1.0);
        assertThat(((Number) report.get("score")).intValue()).isBetween(300, 900);
        assertThat((String) report.get("grade")).isNotBlank();
        assertThat((String) report.get("modelVersion")).isNotBlank();
    }

    @Test
    void aGatewayTokenCannotReadCreditReports() {
        String gatewayToken = TOKENS.fresh("gateway-demo");

        // Issued for the ingestion service (its aud), so the loan service does not accept it at all.
        given().auth().oauth2(gatewayToken)
                .get(loan.baseUrl() + "/api/v1/smes/sme-005/credit-report")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("'loan-service'"));
    }

    private static ServiceProcess start(String module) throws Exception {
        ServiceProcess service = ServiceProcess.start(module, Map.of());
        SERVICES.add(service);
        return service;
    }

    private static Map<String, Object> event(String smeId, String machineId, Instant timestamp, double run, double idle,
                                             double down, long produced, long rejected, double energyKwh) {
        return Map.of(
                "eventId", "e2e-" + UUID.randomUUID(),
                "smeId", smeId,
                "machineId", machineId,
                "timestamp", timestamp.toString(),
                "metrics", Map.of(
                        "runSeconds", run, "idleSeconds", idle, "downSeconds", down,
                        "unitsProduced", produced, "unitsRejected", rejected, "energyKwh", energyKwh));
    }
}
