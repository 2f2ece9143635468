package io.smecredit.loan.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What holds for many operations is added here once rather than annotated on each resource method:
 * <ul>
 * <li>every operation documents the 405 and 406 that platform-common's ProblemResponses gives for any path: generated
 * clients then know these answers carry a Problem too;
 * <li>every operation that takes a body documents the body limit (platform-common's
 * {@link io.smecredit.common.http.RequestBodyLimit}, platform.http.max-body-bytes, 413) and the JSON-only body (415);
 * <li>the headers of 401 (WWW-Authenticate) and 429 (Retry-After) answers, and a schema for every header;
 * <li>next to the plain bearer scheme, an OAuth2 client-credentials scheme whose token URL is this deployment's realm
 * (it differs per environment, so it cannot be an annotation): generated clients and the Swagger UI can then fetch a
 * bank's token themselves.
 * </ul>
 * Run when the service starts, so the token URL is the one this instance is configured with (KEYCLOAK_URL).
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OpenApiDocs implements OASFilter {

    static final String OAUTH2 = "oauth2";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null) {
            if (operation.getResponses().getAPIResponse("405") == null) {
                operation.getResponses().addAPIResponse("405", problem("The path exists, but not with this method.")
                        .addHeader("Allow", OASFactory.createHeader()
                                .description("The methods this path supports, e.g. GET, HEAD, OPTIONS.")
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
            }
            if (operation.getResponses().getAPIResponse("406") == null) {
                operation.getResponses().addAPIResponse("406", problem("The request's Accept header does not "
                        + "allow application/json, which every operation answers in (problems in "
                        + ApiDocs.PROBLEM + ")."));
            }
        }
        if (operation.getRequestBody() != null && operation.getResponses() != null) {
            if (operation.getResponses().getAPIResponse("413") == null) {
                operation.getResponses().addAPIResponse("413", problem("The request body is larger than the limit "
                        + "(64 KiB by default, LOAN_MAX_BODY_BYTES), whether sent with Content-Length or chunked."));
            }
            if (operation.getResponses().getAPIResponse("415") == null) {
                operation.getResponses().addAPIResponse("415", problem("The body is sent with a content type other "
                        + "than application/json."));
            }
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().forEach(OpenApiDocs::documentHeaders);
        }
        List<SecurityRequirement> security = operation.getSecurity();
        if (security != null && security.stream().anyMatch(r -> r.hasScheme(ApiDocs.BEARER))
                && security.stream().noneMatch(r -> r.hasScheme(OAUTH2))) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(OAUTH2));
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        Components components = openApi.getComponents() != null ? openApi.getComponents()
                : OASFactory.createComponents();
        components.addSecurityScheme(OAUTH2, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("The same access token as 'bearer', fetched by the client-credentials grant of a bank's "
                        + "(or an operator's) confidential client.")
                .flows(OASFactory.createOAuthFlows().clientCredentials(OASFactory.createOAuthFlow()
                        .tokenUrl(realm + "/protocol/openid-connect/token")
                        // Required by OpenAPI; access rests on realm roles, not OAuth scopes.
                        .scopes(Map.of()))));
        openApi.setComponents(components);
    }

    /**
     * The headers a client must act on, on every response that carries them, and a schema on every header (OpenAPI
     * requires one; generators skip a header without it).
     */
    private static void documentHeaders(String status, APIResponse response) {
        if ("401".equals(status) && header(response, "WWW-Authenticate") == null) {
            response.addHeader("WWW-Authenticate", OASFactory.createHeader()
                    .description("Bearer: the request needs a valid access token.")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        if ("429".equals(status) && header(response, "Retry-After") == null) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before the next request of this bank is accepted.")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().values().stream()
                    .filter(header -> header.getSchema() == null && header.getContent() == null)
                    .forEach(header -> header.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    private static Header header(APIResponse response, String name) {
        return response.getHeaders() == null ? null : response.getHeaders().get(name);
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(ApiDocs.PROBLEM,
                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref("#/components/schemas/Problem"))));
    }
}
