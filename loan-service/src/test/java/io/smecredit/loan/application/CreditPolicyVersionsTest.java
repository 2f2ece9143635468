package io.smecredit.loan.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import io.smecredit.loan.application.domain.CreditPolicy;
import io.smecredit.loan.application.service.PolicyRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A policy version names one set of rules for good; operators can read every version decisions applied. */
@QuarkusTest
class CreditPolicyVersionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    PolicyRegistry registry;

    @Inject
    ObjectMapper json;

    @Test
    void thePolicyInForceIsRegisteredAtStartupAndOperatorsCanReadIt() throws Exception {
        CreditPolicy shipped = shippedPolicy();
        String ops = KeycloakTokens.accessToken("ops");

        given().auth().oauth2(ops).get("/api/v1/policies").then().statusCode(200)
                .body("find { it.inForce }.version", equalTo(shipped.version()))
                .body("version", hasItem(shipped.version()));
        given().auth().oauth2(ops).get("/api/v1/policies/{version}", shipped.version()).then().statusCode(200)
                .body("inForce", equalTo(true))
                .body("rules.version", equalTo(shipped.version()))
                .body("rules.maxDaysWithoutOutput", equalTo(shipped.maxDaysWithoutOutput()))
                .body("rules.minimumGrade.EQUIPMENT", equalTo(shipped.minimumGrade().get(
                        io.smecredit.loan.application.domain.Product.EQUIPMENT)));
    }

    @Test
    void aVersionAlreadyInForceCannotComeBackWithOtherRules() throws Exception {
        CreditPolicy shipped = shippedPolicy();
        CreditPolicy sameVersionOtherRules = withMaxDaysWithoutOutput(shipped, shipped.maxDaysWithoutOutput() + 7);

        // A restart with the same file is fine ...
        assertThat(registry.register(shipped).await().atMost(TIMEOUT)).isEqualTo(shipped);
        // ... one with changed rules under the same version is refused, saying what to do.
        assertThatThrownBy(() -> registry.register(sameVersionOtherRules).await().atMost(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + shipped.version() + "'")
                .hasMessageContaining("need a new version");
        given().auth().oauth2(KeycloakTokens.accessToken("ops"))
                .get("/api/v1/policies/{version}", shipped.version()).then().statusCode(200)
                .body("rules.maxDaysWithoutOutput", equalTo(shipped.maxDaysWithoutOutput()));

        // The same changed rules under a new version register, and are not the ones in force here.
        String newVersion = "test-" + UUID.randomUUID();
        registry.register(withVersion(sameVersionOtherRules, newVersion)).await().atMost(TIMEOUT);
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/policies/{version}", newVersion)
                .then().statusCode(200)
                .body("inForce", equalTo(false))
                .body("rules.maxDaysWithoutOutput", equalTo(shipped.maxDaysWithoutOutput() + 7));
    }

    @Test
    void registeredRulesCannotBeEditedOrDeletedInTheDatabase() throws Exception {
        String version = shippedPolicy().version();
        try (Connection c = Fixtures.connect(); Statement s = c.createStatement()) {
            java.sql.ResultSet stored = s.executeQuery("SELECT jsonb_typeof(rules), rules->>'version' "
                    + "FROM credit_policy WHERE version = '" + version + "'");
            assertThat(stored.next()).isTrue();
            assertThat(stored.getString(1)).as("stored as a JSON object, queryable").isEqualTo("object");
            assertThat(stored.getString(2)).isEqualTo(version);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE credit_policy SET rules = '{}' WHERE version = '"
                    + version + "'")).hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM credit_policy WHERE version = '" + version + "'"))
                    .hasMessageContaining("immutable");
        }
    }

    @Test
    void onlyOperatorsReadPoliciesAndAnUnknownVersionIsAProblem() {
        given().auth().oauth2(KeycloakTokens.accessToken("bank-a")).get("/api/v1/policies")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/policies").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.accessToken("ops")).get("/api/v1/policies/{version}", "no-such-version")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No credit policy version 'no-such-version' was ever put in force."));
    }

    private CreditPolicy shippedPolicy() throws Exception {
        try (InputStream in = CreditPolicy.class.getResourceAsStream("/policy/credit-policy.json")) {
            return json.readValue(in, CreditPolicy.class);
        }
    }

    private CreditPolicy withMaxDaysWithoutOutput(CreditPolicy policy, int days) {
        return edited(policy, tree -> tree.put("maxDaysWithoutOutput", days));
    }

    private CreditPolicy withVersion(CreditPolicy policy, String version) {
        return edited(policy, tree -> tree.put("version", version));
    }

    private CreditPolicy edited(CreditPolicy policy, java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode tree = json.valueToTree(policy);
        edit.accept(tree);
        return json.convertValue(tree, CreditPolicy.class);
    }
}
