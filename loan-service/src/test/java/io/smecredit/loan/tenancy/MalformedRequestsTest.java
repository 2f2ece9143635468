package io.smecredit.loan.tenancy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint that reads a request body, sent bodies a client can get wrong: each answer is a 4xx
 * application/problem+json whose detail (or errors[]) names what is wrong, never a 500 and never a silently
 * "repaired" value such as termMonths 12.9 read as 12.
 */
@QuarkusTest
class MalformedRequestsTest {

    private static final String PROBLEMS = "https://sme-credit.dev/problems/";
    private static final String MALFORMED = "malformed-request";
    private static final String INVALID = "validation-failed";
    private static final String UNSUPPORTED = "unsupported-media-type";

    private static String bankToken;
    private static String ownerToken;
    private static String applicationId;

    @BeforeAll
    static void tokensAndAnApplication() {
        bankToken = KeycloakTokens.accessToken("bank-a");
        ownerToken = KeycloakTokens.smeOwnerToken("sme-005");
        String smeId = Fixtures.freshSmeId();
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        applicationId = Fixtures.approvedApplication(smeId, "bank-a").toString();
    }

    /** The endpoints with a request body, each called as the role that may call it. */
    enum Endpoint {
        CONSENT_REQUEST("POST", "/api/v1/consent-requests"),
        SME_GRANT("POST", "/api/v1/me/consents"),
        CREDIT_APPLICATION("POST", "/api/v1/credit-applications"),
        OUTCOME("POST", "/api/v1/credit-applications/{id}/outcomes"),
        WEBHOOK("PUT", "/api/v1/webhook");

        final String method;
        final String path;

        Endpoint(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Response send(String contentType, String body) {
            RequestSpecification request = given()
                    .auth().oauth2(this == SME_GRANT ? ownerToken : bankToken)
                    .contentType(contentType)
                    .header("Idempotency-Key", UUID.randomUUID().toString());
            if (body != null) {
                request.body(body);
            }
            return path.contains("{id}") ? request.request(method, path, applicationId) : request.request(method, path);
        }
    }

    /** endpoint, what is wrong, content type, body, expected status, expected problem type, a word the answer names. */
    static Stream<Arguments> malformedBodies() {
        List<Arguments> cases = new ArrayList<>();
        String json = "application/json";
        for (Endpoint endpoint : Endpoint.values()) {
            cases.add(Arguments.of(endpoint, "unparseable JSON", json, "{\"url\": ", 400, MALFORMED, "not valid JSON"));
            cases.add(Arguments.of(endpoint, "an array instead of an object", json, "[1, 2]", 400, MALFORMED,
                    "expected shape"));
            cases.add(Arguments.of(endpoint, "empty body with a JSON content type", json, "", 400, null, null));
            // A typo must not be dropped and the request run without it.
            cases.add(Arguments.of(endpoint, "a field the request does not have", json, "{\"smeID\":\"sme-001\"}",
                    400, MALFORMED, "smeID"));
            cases.add(Arguments.of(endpoint, "text/plain content type", "text/plain", "hello", 415, UNSUPPORTED,
                    "Content-Type 'text/plain"));
        }
        Map<Endpoint, List<String[]>> wrongTypes = Map.of(
                Endpoint.CONSENT_REQUEST, List.of(
                        new String[]{"{\"smeId\":\"sme-001\",\"scopes\":\"credit-report\",\"purpose\":\"p\"}",
                                "scopes"},
                        new String[]{"{\"smeId\":\"sme-001\",\"scopes\":[\"credit-report\"],\"purpose\":\"p\","
                                + "\"expiresAt\":\"tomorrow\"}", "expiresAt"},
                        new String[]{"{\"smeId\":\"sme-001\",\"purpose\":{\"why\":\"credit\"}}", "purpose"},
                        new String[]{"{\"smeId\":123,\"scopes\":[\"credit-report\"],\"purpose\":\"p\"}", "smeId"},
                        new String[]{"{\"smeId\":\"sme-001\",\"smeId\":\"sme-002\"}", "smeId"},
                        // Seconds since 1970 are not an instant to guess at.
                        new String[]{"{\"smeId\":\"sme-001\",\"scopes\":[\"credit-report\"],\"purpose\":\"p\","
                                + "\"expiresAt\":1800000000}", "expiresAt"}),
                Endpoint.SME_GRANT, List.of(
                        new String[]{"{\"bankId\":\"bank-a\",\"scopes\":\"credit-report\"}", "scopes"},
                        new String[]{"{\"bankId\":\"bank-a\",\"expiresAt\":\"next year\"}", "expiresAt"},
                        new String[]{"{\"bankId\":\"bank-a\",\"bankId\":\"bank-b\"}", "bankId"}),
                Endpoint.CREDIT_APPLICATION, List.of(
                        new String[]{"{\"smeId\":\"sme-001\",\"amount\":\"abc\"}", "amount"},
                        new String[]{"{\"smeId\":\"sme-001\",\"termMonths\":\"twelve\"}", "termMonths"},
                        new String[]{"{\"smeId\":\"sme-001\",\"termMonths\":99999999999}", "termMonths"},
                        new String[]{"{\"smeId\":\"sme-001\",\"product\":\"WORKING_CAPITAL\",\"amount\":1000,"
                                + "\"currency\":\"EUR\",\"termMonths\":12.9}", "termMonths"},
                        // Numbers in quotes are not numbers: a bank must get a decision on what it meant to send.
                        new String[]{"{\"smeId\":\"sme-001\",\"product\":\"WORKING_CAPITAL\",\"amount\":1000,"
                                + "\"currency\":\"EUR\",\"termMonths\":\"12\"}", "termMonths"},
                        new String[]{"{\"smeId\":\"sme-001\",\"product\":\"WORKING_CAPITAL\",\"amount\":\"1000\","
                                + "\"currency\":\"EUR\",\"termMonths\":12}", "amount"},
                        // Was a 500 with an empty body: a record field given twice.
                        new String[]{"{\"smeId\":\"sme-001\",\"product\":\"WORKING_CAPITAL\",\"amount\":1000,"
                                + "\"currency\":\"EUR\",\"termMonths\":12,\"termMonths\":13}", "termMonths"}),
                Endpoint.OUTCOME, List.of(
                        new String[]{"{\"type\":\"DISBURSED\",\"date\":\"01/12/2026\"}", "date"},
                        new String[]{"{\"type\":\"DISBURSED\",\"date\":\"2026-12-01\",\"amount\":\"abc\"}", "amount"},
                        new String[]{"{\"type\":\"PAST_DUE\",\"date\":\"2026-12-01\",\"daysPastDue\":30.5}",
                                "daysPastDue"},
                        new String[]{"{\"type\":\"PAST_DUE\",\"date\":\"2026-12-01\",\"daysPastDue\":\"5\"}",
                                "daysPastDue"},
                        new String[]{"{\"type\":\"DISBURSED\",\"type\":\"REPAID\",\"date\":\"2026-12-01\"}",
                                "type"}),
                Endpoint.WEBHOOK, List.of(
                        new String[]{"{\"url\":[\"https://bank-a.example/hooks\"]}", "url"},
                        new String[]{"{\"url\":{\"href\":\"https://bank-a.example/hooks\"}}", "url"},
                        new String[]{"{\"url\":5}", "url"},
                        new String[]{"{\"url\":\"https://a.example/x\",\"url\":\"https://b.example/y\"}", "url"}));
        wrongTypes.forEach((endpoint, bodies) -> bodies.forEach(b -> cases.add(
                Arguments.of(endpoint, "wrong type of " + b[1], json, b[0], 400, MALFORMED, b[1]))));
        // Values of the right JSON type that are not allowed: the service's own validation names the field.
        cases.add(Arguments.of(Endpoint.CONSENT_REQUEST, "unknown scope", json,
                "{\"smeId\":\"sme-001\",\"scopes\":[\"everything\"],\"purpose\":\"p\","
                        + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}", 400, INVALID, "scopes"));
        cases.add(Arguments.of(Endpoint.SME_GRANT, "unknown scope", json,
                "{\"bankId\":\"bank-a\",\"scopes\":[\"everything\"],\"purpose\":\"p\","
                        + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}", 400, INVALID, "scopes"));
        cases.add(Arguments.of(Endpoint.CREDIT_APPLICATION, "unknown product", json,
                "{\"smeId\":\"sme-001\",\"product\":\"YACHT\",\"amount\":1000,\"currency\":\"EUR\",\"termMonths\":12}",
                400, INVALID, "product"));
        cases.add(Arguments.of(Endpoint.CREDIT_APPLICATION, "amount beyond NUMERIC(18, 2)", json,
                "{\"smeId\":\"sme-001\",\"product\":\"EQUIPMENT\",\"amount\":1E+20,\"currency\":\"EUR\","
                        + "\"termMonths\":12}", 400, INVALID, "amount"));
        cases.add(Arguments.of(Endpoint.OUTCOME, "unknown outcome type", json,
                "{\"type\":\"LOST\",\"date\":\"2026-12-01\"}", 400, INVALID, "type"));
        cases.add(Arguments.of(Endpoint.CONSENT_REQUEST, "JSON nested 1,001 levels deep", json,
                "{\"notes\":" + "[".repeat(1001) + "]".repeat(1001) + "}", 400, MALFORMED,
                "nests arrays or objects more than 1000 levels deep"));
        cases.add(Arguments.of(Endpoint.WEBHOOK, "URL longer than the column", json,
                "{\"url\":\"https://bank-a.example/" + "a".repeat(2100) + "\"}", 400, INVALID, "url"));
        return cases.stream();
    }

    @Test
    void aNumberTooLargeForItsFieldIsNamedInPlainWordsWithTheFieldsRange() {
        for (String body : List.of("{\"smeId\":\"sme-001\",\"product\":\"WORKING_CAPITAL\",\"amount\":50000,"
                        + "\"currency\":\"EUR\",\"termMonths\":99999999999}",
                "{\"smeId\":\"sme-001\",\"termMonths\":2147483648}",
                "{\"termMonths\":99999999999999999999999,\"smeId\":\"sme-001\"}")) {
            Response response = Endpoint.CREDIT_APPLICATION.send("application/json", body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.jsonPath().getList("errors.field")).as(response.asString()).containsExactly("termMonths");
            // The same words as for termMonths 361, which the service's own validation refuses.
            assertThat(response.jsonPath().getList("errors.reason")).as(response.asString())
                    .containsExactly("must be 1-360");
            assertThat(response.jsonPath().getString("detail")).contains("termMonths must be 1-360")
                    .doesNotContain("Numeric value", "range of int");
        }
        Response outcome = Endpoint.OUTCOME.send("application/json",
                "{\"type\":\"PAST_DUE\",\"date\":\"2026-12-01\",\"daysPastDue\":2147483648}");
        assertThat(outcome.statusCode()).isEqualTo(400);
        assertThat(outcome.jsonPath().getList("errors.reason")).as(outcome.asString())
                .containsExactly("must be 1-3650");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedBodies")
    void aBodyTheServiceCannotUseIsAProblemThatNamesWhatIsWrong(Endpoint endpoint, String wrong, String contentType,
                                                               String body, int status, String type, String named) {
        Response response = endpoint.send(contentType, body);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        String problemType = response.jsonPath().getString("type");
        if (type != null) {
            assertThat(problemType).isEqualTo(PROBLEMS + type);
        } else {
            assertThat(problemType).isIn(PROBLEMS + MALFORMED, PROBLEMS + INVALID);
        }
        String detail = response.jsonPath().getString("detail");
        assertThat(detail).isNotBlank();
        assertThat(detail).as("written for people, not Java")
                .doesNotContain("java.", "io.smecredit", "Coercion", "StreamReadConstraints");
        if (named != null) {
            List<String> fields = response.jsonPath().getList("errors.field");
            assertThat(detail.contains(named) || (fields != null && fields.contains(named)))
                    .as("'%s' names %s", response.asString(), named).isTrue();
        }
    }
}
