package io.smecredit.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.testsupport.ManagementInterface;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class HealthTest {

    @Test
    void readyWhenDatabaseKafkaKeycloakAndModelAreUp() {
        io.smecredit.scoring.support.ServiceReady.await();
        ManagementInterface.given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "scoring-model",
                        "scoring-consumer-groups",
                        "identity-provider",
                        "Reactive PostgreSQL connections health check",
                        "Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void live() {
        ManagementInterface.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentsTheOperatorEndpoints() {
        given().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/smes/{smeId}/scores"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/models/current"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/scores"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/scores/batch"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/models/{version}/promote"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/models/rollback"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/models/training-jobs"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/monitoring/drift-alerts"));
    }

    @Test
    void openApiStatesTheRegistrysRealAnswersAndErrors() {
        var doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        java.util.Map<String, java.util.List<String>> expected = java.util.Map.of(
                "paths.'/api/v1/models'.post.responses", java.util.List.of("200", "201", "400", "413", "415", "422"),
                "paths.'/api/v1/models/training-jobs'.post.responses", java.util.List.of("202", "400"),
                "paths.'/api/v1/models/{version}'.get.responses", java.util.List.of("404"),
                "paths.'/api/v1/models/{version}/promote'.post.responses", java.util.List.of("200", "400", "404", "409",
                        "422"),
                "paths.'/api/v1/models/{version}/retire'.post.responses", java.util.List.of("404", "409"),
                "paths.'/api/v1/models/rollback'.post.responses", java.util.List.of("200", "409"));
        expected.forEach((responses, codes) -> org.assertj.core.api.Assertions.assertThat(doc.getMap(responses))
                .as(responses).containsKeys(codes.toArray(String[]::new)));
        // A training job is accepted, not done: no 200 is promised.
        org.assertj.core.api.Assertions.assertThat(doc.getMap("paths.'/api/v1/models/training-jobs'.post.responses"))
                .doesNotContainKey("200");
    }
}
