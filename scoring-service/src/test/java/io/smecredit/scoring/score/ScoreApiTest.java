package io.smecredit.scoring.score;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smecredit.scoring.score.domain.Grade;
import io.smecredit.scoring.score.domain.ScoreScale;
import io.smecredit.scoring.support.KeycloakTokens;
import io.smecredit.scoring.support.TestVectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** On-demand scoring over HTTP with real tokens: answers, who may ask, and refusals of bad input. */
@QuarkusTest
class ScoreApiTest {

    private static final String SCORES = "/api/v1/scores";

    @Test
    void scoreCarriesConsistentPdPointsGradeAndReasonsFromTheChampion() {
        String champion = given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/current")
                .then().statusCode(200).extract().path("modelVersion");

        Map<String, Object> sick = score(KeycloakTokens.operator(), Map.of("smeId", "sme-x", "features", TestVectors.SICK))
                .statusCode(200).extract().as(Map.class);
        Map<String, Object> healthy = score(KeycloakTokens.operator(), Map.of("features", TestVectors.HEALTHY))
                .statusCode(200).extract().as(Map.class);

        double pd = ((Number) sick.get("pd")).doubleValue();
        assertThat(sick).containsEntry("smeId", "sme-x").containsEntry("modelVersion", champion)
                .containsEntry("score", ScoreScale.points(pd)).containsEntry("grade", Grade.forPd(pd).name());
        assertThat(pd).isGreaterThan(((Number) healthy.get("pd")).doubleValue());
        assertThat(healthy).doesNotContainKey("smeId");

        List<Map<String, Object>> reasons = (List<Map<String, Object>>) sick.get("reasons");
        assertThat(reasons).isNotEmpty().hasSizeLessThanOrEqualTo(4);
        List<Double> contributions = reasons.stream().map(r -> ((Number) r.get("contribution")).doubleValue()).toList();
        assertThat(contributions).isSortedAccordingTo((a, b) -> Double.compare(b, a)).allMatch(c -> c > 0);
        assertThat(reasons).allSatisfy(r -> {
            assertThat((String) r.get("textEn")).isNotBlank();
            assertThat((String) r.get("textZh")).isNotBlank();
            assertThat(((Number) r.get("value")).doubleValue()).isEqualTo(TestVectors.SICK.get((String) r.get("feature")));
        });
    }

    @Test
    void banksMayScoreButOtherRolesAndAnonymousCallersMayNot() {
        score(KeycloakTokens.bankA(), Map.of("features", TestVectors.HEALTHY)).statusCode(200);
        // A gateway's token names only the ingestion service in its aud: not a grant here at all.
        score(KeycloakTokens.gateway(), Map.of("features", TestVectors.HEALTHY)).statusCode(401)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("'scoring-service'"));
        given().contentType(ContentType.JSON).body(Map.of("features", TestVectors.HEALTHY)).post(SCORES)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void missingAndNullFeaturesAreScoredAsMissing() {
        Map<String, Object> features = new HashMap<>(TestVectors.HEALTHY);
        features.remove("utilisation_7d");
        Map<String, Object> withNull = new HashMap<>(features);
        withNull.put("utilisation_7d", null);
        double absent = score(KeycloakTokens.operator(), Map.of("features", features)).statusCode(200)
                .extract().jsonPath().getDouble("pd");
        double nulled = score(KeycloakTokens.operator(), Map.of("features", withNull)).statusCode(200)
                .extract().jsonPath().getDouble("pd");
        assertThat(nulled).isEqualTo(absent);
    }

    @Test
    void aBodyIsReadAsSentDuplicateKeysQuotedIdsAndTrailingTextAre400s() {
        // Each was accepted before: the last of two smeId keys won, 123 became "123", the trailing text was ignored.
        for (String[] bad : new String[][]{
                {"{\"smeId\":\"sme-a\",\"smeId\":\"sme-b\",\"features\":{\"utilisation_7d\":0.4}}", "smeId"},
                {"{\"smeId\":123,\"features\":{\"utilisation_7d\":0.4}}", "smeId"},
                {"{\"features\":{\"utilisation_7d\":0.4}} trailing", "trailing"}}) {
            given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(bad[0]).post(SCORES)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(bad[1]));
        }
    }

    @Test
    void unknownFeatureIsA400NamingIt() {
        Map<String, Object> features = new HashMap<>(TestVectors.HEALTHY);
        features.put("no_such_feature", 1.0);
        score(KeycloakTokens.operator(), Map.of("features", features))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/validation-failed"))
                .body("detail", containsString("features.no_such_feature is not a feature of model"))
                .body("errors.field", contains("features.no_such_feature"));
    }

    @Test
    void valuesThatAreNotFiniteNumbersAre400sNamingTheFeature() {
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body("{\"features\": {\"utilisation_7d\": \"high\", \"quality_rate_7d\": 1e400, \"availability_7d\": true}}")
                .post(SCORES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("features.availability_7d", "features.quality_rate_7d",
                        "features.utilisation_7d"))
                .body("detail", containsString("features.utilisation_7d must be a number or null, got the string \"high\""))
                .body("detail", containsString("features.quality_rate_7d must be a finite number"));
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body("{\"features\": {\"utilisation_7d\": NaN}}")
                .post(SCORES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/malformed-request"));
    }

    @Test
    void emptyOrAbsentFeaturesAreA400() {
        score(KeycloakTokens.operator(), Map.of("features", Map.of())).statusCode(400)
                .body("errors.field", contains("features"));
        score(KeycloakTokens.operator(), Map.of("smeId", "sme-001")).statusCode(400)
                .body("errors.field", contains("features"));
    }

    @Test
    void batchScoresEveryItemInOrderWithOneModel() {
        List<Map<String, Object>> items = List.of(
                Map.of("smeId", "a", "features", TestVectors.HEALTHY),
                Map.of("smeId", "b", "features", TestVectors.SICK),
                Map.of("features", TestVectors.atRisk(0.5)));
        Map<String, Object> batch = given().auth().oauth2(KeycloakTokens.bankA()).contentType(ContentType.JSON)
                .body(Map.of("items", items)).post(SCORES + "/batch")
                .then().statusCode(200)
                .body("count", equalTo(3))
                .body("results.smeId", contains("a", "b", null))
                .extract().as(Map.class);
        List<Map<String, Object>> results = (List<Map<String, Object>>) batch.get("results");
        assertThat(results).allSatisfy(r -> assertThat(r.get("modelVersion")).isEqualTo(batch.get("modelVersion")));
        double single = score(KeycloakTokens.operator(), Map.of("features", TestVectors.SICK)).statusCode(200)
                .extract().jsonPath().getDouble("pd");
        // JSON numbers read back by two different parsers: equal up to the float precision of one of them.
        assertThat(((Number) results.get(1).get("pd")).doubleValue()).isCloseTo(single, org.assertj.core.api.Assertions.within(1e-7));
    }

    @Test
    void batchRefusesOversizedRequestsAndNamesTheBadItem() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("features", Map.of("utilisation_7d", 0.5)));
        }
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("items", tooMany)).post(SCORES + "/batch")
                .then().statusCode(400).body("errors.field", contains("items"));

        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("features", TestVectors.HEALTHY),
                        Map.of("features", Map.of("bogus", 1))))).post(SCORES + "/batch")
                .then().statusCode(400).body("errors.field", hasItem("items[1].features.bogus"));
    }

    private static ValidatableResponse score(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(SCORES).then();
    }
}
