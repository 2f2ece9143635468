package io.smecredit.loan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smecredit.loan.common.ConsentScope;
import io.smecredit.contracts.SmeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a generated client learns from /q/openapi matches what the service does: the headers it sends, the limits it
 * enforces on each request field and the errors any operation can answer.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private JsonPath openApi;

    // Per test, not @BeforeAll: a static @BeforeAll runs before the test's application listens.
    @BeforeEach
    void readTheDocument() {
        openApi = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aConsentRequestDeclaresTheReplayHeaderItSends() {
        assertThat(openApi.getMap("paths.'/api/v1/consent-requests'.post.responses.'201'.headers"))
                .containsKeys("Location", "Idempotent-Replayed");
        assertThat(openApi.getString("paths.'/api/v1/consent-requests'.post.responses.'201'.headers"
                + ".Idempotent-Replayed.schema.type")).isEqualTo("string");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyIdempotencyKeyIsOneTo255Characters() {
        List<Map<String, Object>> keys = new ArrayList<>();
        operations().forEach(op -> {
            List<Map<String, Object>> parameters = openApi.getList(op + ".parameters");
            if (parameters != null) {
                parameters.stream().filter(p -> "Idempotency-Key".equals(p.get("name"))).forEach(keys::add);
            }
        });
        assertThat(keys).as("the application and the consent request take one").hasSize(2);
        keys.forEach(key -> assertThat((Map<String, Object>) key.get("schema")).as(key.toString())
                .containsEntry("type", "string").containsEntry("minLength", 1).containsEntry("maxLength", 255));
    }

    @Test
    void aCreditApplicationsFieldsCarryTheLimitsTheServiceEnforces() {
        String fields = "components.schemas.CreditApplicationRequest.properties.";
        assertThat(openApi.getDouble(fields + "amount.exclusiveMinimum")).isZero();
        assertThat(openApi.getString(fields + "amount.maximum")).isEqualTo("1000000000");
        assertThat(openApi.getString(fields + "amount.multipleOf")).isEqualTo("0.01");
        assertThat(openApi.getInt(fields + "termMonths.minimum")).isEqualTo(1);
        assertThat(openApi.getInt(fields + "termMonths.maximum")).isEqualTo(360);
        assertThat(openApi.getString(fields + "smeId.pattern")).isEqualTo(SmeId.PATTERN);
        assertThat(openApi.getString(fields + "currency.pattern")).isEqualTo("^[A-Z]{3}$");
        assertThat(openApi.getList(fields + "product.enum"))
                .containsExactlyInAnyOrder("WORKING_CAPITAL", "RECEIVABLES", "EQUIPMENT");

        String outcome = "components.schemas.OutcomeRequest.properties.";
        assertThat(openApi.getDouble(outcome + "amount.exclusiveMinimum")).isZero();
        assertThat(openApi.getString(outcome + "amount.multipleOf")).isEqualTo("0.01");
        assertThat(openApi.getInt(outcome + "daysPastDue.minimum")).isEqualTo(1);
        assertThat(openApi.getInt(outcome + "daysPastDue.maximum")).isEqualTo(3650);
    }

    @Test
    void consentBodiesCarryTheirScopesAndPurposeLimits() {
        List<String> scopes = Arrays.stream(ConsentScope.values()).map(ConsentScope::wireName).toList();
        for (String body : List.of("ConsentRequestBody", "ConsentGrantBody")) {
            String fields = "components.schemas." + body + ".properties.";
            assertThat(openApi.getList(fields + "scopes.items.enum")).as(body)
                    .containsExactlyInAnyOrderElementsOf(scopes);
            assertThat(openApi.getInt(fields + "scopes.minItems")).as(body).isEqualTo(1);
            assertThat(openApi.getInt(fields + "purpose.minLength")).as(body).isEqualTo(1);
            assertThat(openApi.getInt(fields + "purpose.maxLength")).as(body).isEqualTo(500);
        }
        assertThat(openApi.getString("components.schemas.ConsentRequestBody.properties.smeId.pattern"))
                .isEqualTo(SmeId.PATTERN);
        assertThat(openApi.getInt("components.schemas.WebhookRegistration.properties.url.maxLength")).isEqualTo(2048);
    }

    @Test
    void everyOperationListsTheSharedProblemAnswers() {
        List<String> checked = operations();
        assertThat(checked).hasSizeGreaterThan(20);
        checked.forEach(op -> {
            List<String> shared = new ArrayList<>(List.of("405", "406"));
            if (openApi.get(op + ".requestBody") != null) {
                shared.addAll(List.of("413", "415"));
            }
            shared.forEach(status -> assertThat(openApi.getString(op + ".responses.'" + status
                    + "'.content.'application/problem+json'.schema.$ref")).as("%s %s", op, status)
                    .isEqualTo(PROBLEM_REF));
            assertThat(openApi.getString(op + ".responses.'405'.headers.Allow.schema.type")).as(op)
                    .isEqualTo("string");
        });
        assertThat(openApi.getMap("components.schemas")).containsKey("Problem");
    }

    /** The JSON paths of every operation in the document, e.g. {@code paths.'/api/v1/consents'.get}. */
    private List<String> operations() {
        List<String> found = new ArrayList<>();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                .forEach(method -> found.add("paths.'" + path + "'." + method)));
        return found;
    }
}
