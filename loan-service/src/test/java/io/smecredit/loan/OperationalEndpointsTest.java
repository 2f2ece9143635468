package io.smecredit.loan;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.testsupport.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class OperationalEndpointsTest {

    @Test
    void readinessIsUpWithDatabaseKafkaAndKeycloakChecked() {
        // The Kafka consumer may still be joining its group right after start.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ManagementInterface.given()
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
                .body("paths.'/api/v1/smes/{smeId}/credit-report'.get.security[1].keySet()", hasItems("oauth2"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                // The realm this instance validates tokens against, as configured when it started.
                .body("components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl", equalTo(
                        org.eclipse.microprofile.config.ConfigProvider.getConfig()
                                .getValue("quarkus.oidc.auth-server-url", String.class)
                                + "/protocol/openid-connect/token"));
    }

    @Test
    void openApiDocumentsEveryEndpointOfTheIssueWithItsErrors() {
        var openApi = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        java.util.Map<String, java.util.List<String>> endpoints = java.util.Map.ofEntries(
                java.util.Map.entry("/api/v1/consent-requests", java.util.List.of("post")),
                java.util.Map.entry("/api/v1/consents", java.util.List.of("get")),
                java.util.Map.entry("/api/v1/consents/{id}", java.util.List.of("get", "delete")),
                java.util.Map.entry("/api/v1/me/consents", java.util.List.of("get", "post")),
                java.util.Map.entry("/api/v1/me/consents/{id}", java.util.List.of("get", "delete")),
                java.util.Map.entry("/api/v1/me/consents/{id}/approve", java.util.List.of("post")),
                java.util.Map.entry("/api/v1/me/consents/{id}/reject", java.util.List.of("post")),
                java.util.Map.entry("/api/v1/me/access-log", java.util.List.of("get")),
                java.util.Map.entry("/api/v1/smes/{smeId}/credit-report", java.util.List.of("get")),
                java.util.Map.entry("/api/v1/credit-applications", java.util.List.of("post", "get")),
                java.util.Map.entry("/api/v1/credit-applications/{id}", java.util.List.of("get")),
                java.util.Map.entry("/api/v1/credit-applications/{id}/outcomes", java.util.List.of("post", "get")),
                java.util.Map.entry("/api/v1/alerts", java.util.List.of("get")),
                java.util.Map.entry("/api/v1/webhook", java.util.List.of("put", "get", "delete")),
                java.util.Map.entry("/api/v1/audit/verify", java.util.List.of("get")),
                java.util.Map.entry("/api/v1/audit/records", java.util.List.of("get")));
        endpoints.forEach((path, methods) -> methods.forEach(method -> {
            String op = "paths.'" + path + "'." + method;
            org.assertj.core.api.Assertions.assertThat(openApi.getMap(op + ".responses")).as(op)
                    .containsKeys("401", "403");
            org.assertj.core.api.Assertions.assertThat(openApi.getList(op + ".security")).as(op).isNotEmpty();
            org.assertj.core.api.Assertions.assertThat(openApi.getString(op + ".description")).as(op)
                    .containsPattern("role '(bank|sme|operator)'");
        }));
    }

    @Test
    void openApiHasWhatGeneratorsNeedAndTheHeadersAClientActsOn() {
        var openApi = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        // OpenAPI requires scopes on an OAuth2 flow (empty: access rests on realm roles).
        org.assertj.core.api.Assertions.assertThat(openApi.getMap(
                "components.securitySchemes.oauth2.flows.clientCredentials.scopes")).isNotNull().isEmpty();
        // Free-form JSON is an object, not Jackson's JsonNode class with its getters as properties.
        org.assertj.core.api.Assertions.assertThat(openApi.getMap("components.schemas")).doesNotContainKey("JsonNode");
        org.assertj.core.api.Assertions.assertThat(openApi.getString("components.schemas.AlertView.properties.details"
                + ".$ref")).isEqualTo("#/components/schemas/JsonObject");
        org.assertj.core.api.Assertions.assertThat(openApi.getString("components.schemas.JsonObject.type"))
                .isEqualTo("object");
        String report = "paths.'/api/v1/smes/{smeId}/credit-report'.get.responses.";
        org.assertj.core.api.Assertions.assertThat(openApi.getString(
                report + "'401'.headers.WWW-Authenticate.schema.type")).isEqualTo("string");
        org.assertj.core.api.Assertions.assertThat(openApi.getString(
                report + "'429'.headers.Retry-After.schema.type")).isEqualTo("integer");
        org.assertj.core.api.Assertions.assertThat(openApi.getMap(
                "paths.'/api/v1/credit-applications'.post.responses.'201'.headers")).containsKeys("Location",
                "Idempotent-Replayed");
        org.assertj.core.api.Assertions.assertThat(openApi.getMap(
                "paths.'/api/v1/consent-requests'.post.responses.'201'.headers")).containsKeys("Location",
                "Idempotent-Replayed");
        // Every documented header has a schema (the Link headers of the listings had none).
        java.util.Map<String, Object> paths = openApi.getMap("paths");
        paths.forEach((path, operations) -> ((java.util.Map<?, ?>) operations).forEach((method, operation) -> {
            Object responses = operation instanceof java.util.Map<?, ?> op ? op.get("responses") : null;
            if (responses == null) {
                return;
            }
            ((java.util.Map<?, ?>) responses).forEach((status, response) -> {
                Object headers = ((java.util.Map<?, ?>) response).get("headers");
                if (headers != null) {
                    ((java.util.Map<?, ?>) headers).forEach((name, header) -> org.assertj.core.api.Assertions
                            .assertThat(((java.util.Map<?, ?>) header).get("schema"))
                            .as("%s %s %s header %s", method, path, status, name).isNotNull());
                }
            });
        }));
    }

    @Test
    void openApiDocumentsEachEndpointsOwnErrorsAndTheScopeItNeeds() {
        var openApi = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        // Bodies can be malformed (400), too large (413) or not JSON (415); bank calls can be rate limited (429).
        java.util.Map<String, java.util.List<String>> errors = java.util.Map.of(
                "paths.'/api/v1/consent-requests'.post", java.util.List.of("400", "413", "415", "429"),
                "paths.'/api/v1/me/consents'.post", java.util.List.of("400", "413", "415"),
                "paths.'/api/v1/credit-applications'.post", java.util.List.of("400", "413", "415", "422", "429"),
                "paths.'/api/v1/credit-applications/{id}/outcomes'.post",
                java.util.List.of("400", "413", "415", "422", "429"),
                "paths.'/api/v1/webhook'.put", java.util.List.of("400", "413", "415", "429"),
                "paths.'/api/v1/smes/{smeId}/credit-report'.get", java.util.List.of("400", "429"),
                "paths.'/api/v1/alerts'.get", java.util.List.of("400", "429"));
        errors.forEach((op, codes) -> org.assertj.core.api.Assertions.assertThat(openApi.getMap(op + ".responses"))
                .as(op).containsKeys(codes.toArray(String[]::new)));
        // The consent scope each bank read needs is named where an integrator looks for it.
        org.assertj.core.api.Assertions.assertThat(
                        openApi.getString("paths.'/api/v1/smes/{smeId}/credit-report'.get.description"))
                .contains("credit-report").contains("features-summary");
        org.assertj.core.api.Assertions.assertThat(openApi.getString("paths.'/api/v1/alerts'.get.description"))
                .contains("monitoring");
    }

    @Test
    void prometheusMetricsAreExposed() {
        ManagementInterface.given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_"));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnlyWhileTheApiDocumentationStaysWithTheApi() {
        org.assertj.core.api.Assertions.assertThat(ManagementInterface.port())
                .isNotEqualTo(io.restassured.RestAssured.port);
        // What a bank can reach: no internal hosts from the health checks, no operational metrics.
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
        ManagementInterface.given().get("/q/openapi").then().statusCode(404);
    }

    private static String rawGet(String rawUri) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + rawUri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCallersErrorOnAPathNoRouteMatchedIsCountedWithoutThePathsIds() throws Exception {
        String madeUpId = java.util.UUID.randomUUID().toString();
        // Allow, as RFC 9110 requires: the methods of this path, from the resources' own annotations.
        given().put("/api/v1/consents/{id}", madeUpId).then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS"))
                .body("detail", equalTo("This resource does not support PUT; it supports DELETE, GET, HEAD, OPTIONS."));
        given().delete("/api/v1/credit-applications").then().statusCode(405)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
        given().urlEncodingEnabled(false).get("/api/v1/smes/" + madeUpId + "%00/credit-report").then().statusCode(400);
        // A URI that is not valid (a broken escape) is refused by Quarkus' HTTP layer before any of the service's
        // code runs: an empty 400 and the connection closed (bank-api.md says so), never a 500. Sent over a bare
        // socket: HTTP clients refuse to build such a URI at all.
        for (String broken : new String[]{"/api/v1/consents?limit=%ZZ", "/api/v1/consents?limit=%",
                "/api/v1/consents/%ZZ"}) {
            assertThat(rawGet(broken)).as(broken).startsWith("HTTP/1.1 400");
        }

        ManagementInterface.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString(madeUpId)))
                .body(containsString("uri=\"UNKNOWN\""));
    }
}
