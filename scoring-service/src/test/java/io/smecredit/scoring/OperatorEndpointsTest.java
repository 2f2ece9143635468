package io.smecredit.scoring;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.contracts.FeatureNames;
import io.smecredit.scoring.support.KeycloakTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

/** Who may call the operator endpoints, and what they answer, with real Keycloak tokens. */
@QuarkusTest
class OperatorEndpointsTest {

    private static final String HISTORY = "/api/v1/smes/{smeId}/scores";
    private static final String CURRENT_MODEL = "/api/v1/models/current";

    @ParameterizedTest
    @ValueSource(strings = {HISTORY, CURRENT_MODEL})
    void withoutTokenTheAnswerIs401ProblemWithBearerChallenge(String path) {
        given().get(path.replace("{smeId}", "sme-001"))
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("type", equalTo("https://sme-credit.dev/problems/unauthenticated"));
    }

    @ParameterizedTest
    @ValueSource(strings = {HISTORY, CURRENT_MODEL})
    void bankTokenIsForbiddenOnOperatorEndpoints(String path) {
        given().auth().oauth2(KeycloakTokens.bankA()).get(path.replace("{smeId}", "sme-001"))
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/forbidden"));
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
    void currentModelIsTheReproducibleBootstrapModelOnTheContractFeatures() {
        given().auth().oauth2(KeycloakTokens.operator()).get(CURRENT_MODEL)
                .then().statusCode(200)
                .body("modelVersion", org.hamcrest.Matchers.matchesPattern("bootstrap-[0-9a-f]{12}"))
                .body("schemaVersion", equalTo(FeatureNames.SCHEMA_VERSION))
                .body("features", equalTo(FeatureNames.ALL))
                .body("trainingRows", equalTo(16_000))
                .body("validationAuc", greaterThan(0.75f))
                .body("trainedAt", org.hamcrest.Matchers.notNullValue());
    }
}
