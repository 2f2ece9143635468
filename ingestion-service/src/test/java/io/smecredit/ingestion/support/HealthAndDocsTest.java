package io.smecredit.ingestion.support;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.testsupport.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class HealthAndDocsTest {

    @Test
    void isReadyOnlyWithDatabaseKafkaStreamsKeycloakAndMqttChecked() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ManagementInterface.given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("identity-provider", "Kafka connection health check",
                        "feature-stream", "Reactive PostgreSQL connections health check", "mqtt-telemetry"))
                .body("checks.find { it.name == 'feature-stream' }.data.state", equalTo("RUNNING"))
                .body("checks.find { it.name == 'mqtt-telemetry' }.status", equalTo("UP")));
    }

    @Test
    void documentsTheBatchLimitsInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("10,000 events"))
                .body(containsString("10 MB"))
                .body(containsString("/api/v1/smes/{smeId}"));
    }

    @Test
    void openApiDescribesTheEventsAGatewaySendsAndTheProblemsItGetsBack() {
        String telemetry = "paths.'/api/v1/telemetry'.post.";
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(telemetry + "requestBody.content.'application/json'.schema.items.properties.eventId.type",
                        equalTo("string"))
                .body(telemetry + "requestBody.content.'application/json'.schema.items.properties.metrics.'$ref'",
                        equalTo("#/components/schemas/MachineMetrics"))
                .body(telemetry + "requestBody.content.'application/json'.schema.maxItems", equalTo(10000))
                .body("components.schemas.MachineMetrics.properties.unitsProduced.type", equalTo("integer"))
                .body(telemetry + "responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/telemetry/backfill'.post.responses.'415'.content", org.hamcrest.Matchers.notNullValue());
    }
}
