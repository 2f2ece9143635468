package io.smecredit.scoring.model;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.model.CreditModelTrainer;
import io.smecredit.model.Dataset;
import io.smecredit.model.ModelArtifact;
import io.smecredit.model.ModelArtifactJson;
import io.smecredit.model.ProgressListener;
import io.smecredit.model.TrainingOptions;
import io.smecredit.scoring.model.service.SimulatedPortfolio;
import io.smecredit.scoring.support.KeycloakTokens;
import io.smecredit.scoring.support.ServiceReady;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Models trained outside the service ({@code ./platform train --out DIR}) enter the registry as candidates. */
@QuarkusTest
class ModelUploadTest {

    @BeforeEach
    void serviceReady() {
        ServiceReady.await();
    }

    @Test
    void aCsvTrainedArtifactOnDictionaryFeaturesIsRegisteredAsCandidateAndCanBePromoted() {
        // Trained as the CLI trains: no feature schema (0) and no scoring policy recorded. A seed of its own per
        // run, so the version is new to the shared registry and the first upload really creates it.
        long seed = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        ModelArtifact trained = cliTrained(SimulatedPortfolio.generate(2_000, seed), 611L);
        assertThat(trained.featureSchemaVersion()).isZero();
        byte[] body = ModelArtifactJson.write(trained);

        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/models")
                .then().statusCode(201)
                .header("Location", equalTo("/api/v1/models/" + trained.version()))
                .body("version", equalTo(trained.version()))
                .body("status", equalTo("candidate"))
                .body("source", equalTo("upload"))
                .body("featureSchemaVersion", equalTo(FeatureDictionary.SCHEMA_VERSION))
                .body("createdBy", equalTo("ops"));
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", trained.version())
                .then().statusCode(200)
                .body("dataFingerprint", equalTo(trained.dataFingerprint()))
                .body("trainingRows", equalTo(2_000));
        String stored = given().auth().oauth2(KeycloakTokens.operator())
                .get("/api/v1/models/{v}/artifact", trained.version()).then().statusCode(200).extract().asString();
        assertThat(ModelArtifactJson.read(stored.getBytes(StandardCharsets.UTF_8)).boosterJson())
                .isEqualTo(trained.boosterJson());

        // A retry of the same upload is safe: same version, nothing new.
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/models")
                .then().statusCode(200).body("version", equalTo(trained.version()));
        // The same version claiming other metrics and training data is refused, not silently taken for a retry.
        String restated = new String(body, StandardCharsets.UTF_8)
                .replace(trained.dataFingerprint(), "sha256:" + "1".repeat(64))
                .replaceFirst("\"auc\"\\s*:\\s*[0-9.Ee-]+", "\"auc\":0.99");
        assertThat(restated).contains("\"auc\":0.99").doesNotContain(trained.dataFingerprint());
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(restated)
                .post("/api/v1/models")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("dataFingerprint", "metrics"));
        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/{v}", trained.version())
                .then().statusCode(200).body("dataFingerprint", equalTo(trained.dataFingerprint()));

        // Promotion passes the same parity gate as any model; retired again so other tests see no challenger.
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("as", "challenger")).post("/api/v1/models/{v}/promote", trained.version())
                .then().statusCode(200)
                .body("status", equalTo("challenger"))
                .body("parity.passed", equalTo(true));
        given().auth().oauth2(KeycloakTokens.operator()).post("/api/v1/models/{v}/retire", trained.version())
                .then().statusCode(200).body("status", equalTo("retired"));
    }

    @Test
    void anArtifactWithFeaturesOutsideTheDictionaryIsRefusedNamingThem() {
        Dataset portfolio = SimulatedPortfolio.generate(1_000, 612L);
        List<String> names = new ArrayList<>(portfolio.featureNames());
        names.set(0, "purpose=A43");
        names.set(3, "mystery_ratio");
        Dataset renamed = new Dataset(names, portfolio.values(), portfolio.labels(), portfolio.rows());

        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON)
                .body(ModelArtifactJson.write(cliTrained(renamed, 612L)))
                .post("/api/v1/models")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("purpose=A43"))
                .body("detail", containsString("mystery_ratio"))
                .body("errors", hasSize(2))
                .body("errors.reason", hasItem("unknown feature 'mystery_ratio'"));
    }

    @Test
    void aBodyThatIsNotAnIntactArtifactIsABadRequest() {
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body("{\"format\":\"x\"}")
                .post("/api/v1/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("smecredit-model-artifact/1"));

        // Not JSON at all: where, in plain words, not the parser's settings.
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body("not json")
                .post("/api/v1/models")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("line: 1"))
                .body("detail", org.hamcrest.Matchers.not(containsString("StreamReadFeature")));

        // The version is a hash of the content: an artifact edited after training is refused.
        String edited = new String(ModelArtifactJson.write(cliTrained(SimulatedPortfolio.generate(1_000, 613L), 613L)),
                StandardCharsets.UTF_8).replaceFirst("\"version\":\"m-[0-9a-f]{12}\"", "\"version\":\"m-000000000000\"");
        given().auth().oauth2(KeycloakTokens.operator()).contentType(ContentType.JSON).body(edited)
                .post("/api/v1/models")
                .then().statusCode(400)
                .body("detail", containsString("does not match its content"));
    }

    @Test
    void onlyOperatorsMayUpload() {
        given().auth().oauth2(KeycloakTokens.bankA()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/models")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/models")
                .then().statusCode(401);
    }

    private static ModelArtifact cliTrained(Dataset data, long seed) {
        TrainingOptions options = TrainingOptions.defaults().withThreads(1).withSeed(seed).withInternalFolds(1)
                .withTreeShape(0.3, 3, 1.0).withMaxRounds(20).withEarlyStoppingRounds(5);
        return new CreditModelTrainer().train(data, options, ProgressListener.NONE);
    }
}
