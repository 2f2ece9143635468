package io.smecredit.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.scoring.support.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/** Who may call the operator endpoints (registry, training, monitoring, history), with real Keycloak tokens. */
@QuarkusTest
class OperatorEndpointsTest {

    private static final String HISTORY = "/api/v1/smes/{smeId}/scores";
    private static final String CURRENT_MODEL = "/api/v1/models/current";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,  /api/v1/smes/sme-001/scores",
            "GET,  /api/v1/models",
            "GET,  /api/v1/models/current",
            "GET,  /api/v1/models/m-000000000000",
            "GET,  /api/v1/models/m-000000000000/artifact",
            "GET,  /api/v1/models/m-000000000000/shadow-comparison",
            "POST, /api/v1/models/m-000000000000/promote",
            "POST, /api/v1/models/m-000000000000/retire",
            "POST, /api/v1/models/rollback",
            "POST, /api/v1/models/training-jobs",
            "GET,  /api/v1/models/training-jobs",
            "GET,  /api/v1/models/training-jobs/00000000-0000-0000-0000-000000000000",
            "GET,  /api/v1/monitoring/reports",
            "GET,  /api/v1/monitoring/drift-alerts",
            "POST, /api/v1/monitoring/runs"})
    void withoutTokenOrWithOneNotIssuedForScoringTheAnswerIs401AndWithABankTokenIs403(String method, String path) {
        // Gateway and SME owner tokens are genuine, but their aud does not name the scoring service.
        for (String token : new String[]{null, KeycloakTokens.gateway(), KeycloakTokens.smeOwner()}) {
            call(token == null ? given() : given().auth().oauth2(token), method, path)
                    .then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://sme-credit.dev/problems/unauthenticated"));
        }
        // A bank's token is for this service too (banks may score), but not for its operator endpoints.
        call(given().auth().oauth2(KeycloakTokens.bankA()), method, path)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/forbidden"))
                .body("detail", org.hamcrest.Matchers.endsWith("it needs the role 'operator'."));
    }

    @Test
    void unscoredSmeHasAnEmptyHistory() {
        given().auth().oauth2(KeycloakTokens.operator()).get(HISTORY, "it-never-" + UUID.randomUUID())
                .then().statusCode(200)
                .body("$", empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "many"})
    void badLimitIsA400ProblemNamingTheParameter(String limit) {
        given().auth().oauth2(KeycloakTokens.operator()).queryParam("limit", limit).get(HISTORY, "sme-001")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/validation-failed"))
                .body("detail", containsString("limit"))
                .body("errors.field", contains("limit"));
    }

    @Test
    void currentModelIsAChampionOnTheFeatureDictionary() {
        String version = given().auth().oauth2(KeycloakTokens.operator()).get(CURRENT_MODEL)
                .then().statusCode(200)
                .body("modelVersion", matchesPattern("m-[0-9a-f]{12}"))
                .body("schemaVersion", equalTo(FeatureDictionary.SCHEMA_VERSION))
                .body("features", equalTo(FeatureDictionary.names()))
                .body("trainingRows", greaterThan(0))
                .body("metrics.auc", greaterThan(0.7f))
                .extract().path("modelVersion");

        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models")
                .then().statusCode(200)
                .body("findAll { it.status == 'champion' }.version", contains(version));
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{version}", version)
                .then().statusCode(200)
                .body("status", equalTo("champion"))
                .body("featureSchemaVersion", equalTo(FeatureDictionary.SCHEMA_VERSION))
                .body("dataFingerprint", matchesPattern("[0-9a-f]{16,}"))
                .body("parameters.objective", equalTo("binary:logistic"))
                .body("statusHistory.toStatus", hasItem("champion"));
    }

    @Test
    void unknownModelIsA404Problem() {
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{version}", "m-does-not-exist")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("m-does-not-exist"));
    }

    @Test
    void aControlCharacterInAnIdOrParameterIsA400ProblemNotADatabaseError() {
        for (String path : new String[]{"/api/v1/models/m%00", "/api/v1/smes/sme%00/scores",
                "/api/v1/monitoring/reports?modelVersion=%00"}) {
            given().urlEncodingEnabled(false).auth().oauth2(KeycloakTokens.operator()).get(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("control character"));
        }
    }

    private static io.restassured.response.Response call(RequestSpecification request, String method, String path) {
        RequestSpecification withBody = request.contentType("application/json").body("{}");
        return method.equals("GET") ? withBody.get(path) : withBody.post(path);
    }
}
