package io.smecredit.loan;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class OperationalEndpointsTest {

    @Test
    void readinessIsUpWithDatabaseKafkaAndKeycloakChecked() {
        // The Kafka consumer may still be joining its group right after start.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Reactive PostgreSQL connections health check",
                        "Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check",
                        "identity-provider")));
    }

    @Test
    void openApiDocumentsTheCreditReportWithBearerSecurityAndProblemResponses() {
        given().accept("application/json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/smes/{smeId}/credit-report'.get.responses.keySet()",
                        hasItems("200", "400", "401", "403", "404"))
                .body("paths.'/api/v1/smes/{smeId}/credit-report'.get.security[0].keySet()", hasItems("bearer"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_"));
    }
}
