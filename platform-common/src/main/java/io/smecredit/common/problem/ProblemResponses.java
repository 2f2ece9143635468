package io.smecredit.common.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smecredit.common.http.AllowedMethods;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns every failure that leaves a REST endpoint into an RFC 9457 problem+json response, so clients never see
 * an HTML page, an empty body or a stack trace. Authentication failures reach these mappers because proactive
 * authentication is off in every service ({@code quarkus.http.auth.proactive=false}).
 */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);
    /** What a body of these services is: one JSON value (said when it holds more). */
    private static final String ONE_VALUE = "send exactly one JSON value";
    /**
     * Names the audience the service expects: a bank whose own Keycloak client lacks the audience mapper gets a
     * token that is valid everywhere else, and without this hint its 401 would look like a bad secret.
     */
    private static final String UNAUTHENTICATED_DETAIL = ConfigProvider.getConfig()
            .getOptionalValue("quarkus.oidc.token.audience", String.class)
            .map(audience -> "A valid bearer access token is required: unexpired, signed by the platform's realm, and "
                    + "issued for this service (its aud claim must include '" + audience + "').")
            .orElse("A valid bearer access token is required.");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    /** A role check refused the caller: the answer names the role the resource needs, so the client knows it. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        String roles = requiredRoles(resource);
        return respond(Problem.of(ProblemType.FORBIDDEN, "The access token is valid but does not grant access to this "
                + "resource" + (roles.isEmpty() ? "." : ": it needs the role " + roles + ".")), uri);
    }

    /** The roles of the resource method's (or its class's) {@code @RolesAllowed}, quoted; empty when unknown. */
    static String requiredRoles(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return "";
        }
        RolesAllowed allowed = null;
        for (Method method : resource.getResourceClass().getMethods()) {
            if (method.getName().equals(resource.getMethodName())
                    && Arrays.equals(method.getParameterTypes(), resource.parameterTypes())) {
                allowed = method.getAnnotation(RolesAllowed.class);
            }
        }
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? "" : Arrays.stream(allowed.value()).map(role -> "'" + role + "'")
                .collect(Collectors.joining(" or "));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "Request body is not valid JSON: "
                + JsonSyntax.explain(e, ONE_VALUE) + at(e.getLocation())), uri);
    }

    /** A field the request does not have (StrictJson): named, with the fields it does have. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(String::valueOf)
                .sorted().collect(Collectors.joining(", "));
        String reason = "is not a field of this request" + (known.isEmpty() ? "" : "; its fields are " + known);
        String field = e.getPropertyName();
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "Request body has an unknown field '"
                + JsonSyntax.plain(field) + "'" + (e.getPath().size() > 1 ? path(e) : "") + ": it " + reason
                + at(e.getLocation()), List.of(new Problem.FieldError(field, reason))), uri);
    }

    /**
     * A value of the wrong JSON type. When the field and the type it needs are known, the answer says so in plain
     * words and names the field in {@code errors}; Jackson's own message (Java class names, coercion settings) is
     * only the fallback.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        String field = fieldOf(e);
        String expected = expectedValue(e.getTargetType());
        if (field != null && expected != null) {
            String reason = "must be " + expected;
            return respond(Problem.of(ProblemType.MALFORMED_REQUEST,
                    "Request body does not have the expected shape: " + field + " " + reason + at(e.getLocation()),
                    List.of(new Problem.FieldError(field, reason))), uri);
        }
        if (e.getPath().isEmpty() && expected != null) {
            return respond(Problem.of(ProblemType.MALFORMED_REQUEST,
                    "Request body does not have the expected shape: it must be " + expected + at(e.getLocation())),
                    uri);
        }
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST,
                "Request body does not have the expected shape" + path(e) + ": "
                        + JsonSyntax.explain(e, ONE_VALUE) + at(e.getLocation())), uri);
    }

    /**
     * Jackson found no way to build the body's type from what was sent (for instance a record field given twice
     * where duplicate keys are not refused by the parser): the request's shape is at fault as far as the client can
     * act on it, so it is a 400 naming where, not an empty 500. Logged, since it also hints at a type to fix.
     */
    @ServerExceptionMapper
    public Response undefinedJson(InvalidDefinitionException e, UriInfo uri) {
        LOG.warnf("Request body of %s could not be bound%s: %s", uri.getPath(), path(e), e.getOriginalMessage());
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST,
                "Request body does not have the expected shape" + path(e) + at(e.getLocation())), uri);
    }

    /**
     * A number too large for the field's type. Jackson's words name Java's int range, which is not the field's own
     * rule (termMonths is 1-360): the answer names the field and, where the body's OpenAPI schema states one, the
     * field's range, in the words the service uses for a value just outside it.
     */
    @ServerExceptionMapper
    public Response outOfRange(InputCoercionException e, UriInfo uri, SimpleResourceInfo resource) {
        return numberTooLarge(path(e), e, uri, resource);
    }

    private Response numberTooLarge(String at, JsonProcessingException e, UriInfo uri, SimpleResourceInfo resource) {
        String field = at.isEmpty() ? null : at.substring(at.lastIndexOf('/') + 1);
        if (field == null) {
            return respond(Problem.of(ProblemType.MALFORMED_REQUEST,
                    "Request body has a number too large for its field" + at(e.getLocation())), uri);
        }
        boolean topLevel = at.equals(" at /" + field);
        String reason = (topLevel ? documentedRange(resource, field) : Optional.<String>empty())
                .map(range -> "must be " + range)
                .orElse("is a number far outside what this field accepts");
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "Request body does not have the expected shape: "
                + field + " " + reason + at(e.getLocation()), List.of(new Problem.FieldError(field, reason))), uri);
    }

    /**
     * The inclusive range ("1-360") that the {@code @Schema} of {@code field} states on the resource method's body
     * record, the same the OpenAPI document shows; empty when the body or the field states none.
     */
    static Optional<String> documentedRange(SimpleResourceInfo resource, String field) {
        if (resource == null || resource.parameterTypes() == null) {
            return Optional.empty();
        }
        for (Class<?> body : resource.parameterTypes()) {
            if (!body.isRecord()) {
                continue;
            }
            Schema schema;
            try {
                // A record component's @Schema lands on its field: Schema does not target record components.
                Field component = body.getDeclaredField(field);
                schema = component.getAnnotation(Schema.class);
            } catch (NoSuchFieldException notThisBody) {
                continue;
            }
            if (schema != null && !schema.minimum().isEmpty() && !schema.maximum().isEmpty()
                    && !schema.exclusiveMinimum() && !schema.exclusiveMaximum()) {
                return Optional.of(schema.minimum() + "-" + schema.maximum());
            }
        }
        return Optional.empty();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri, SimpleResourceInfo resource) {
        // Data binding wraps the parser's overflow in a mapping error that knows the field's path.
        if (e instanceof JsonMappingException && e.getCause() instanceof InputCoercionException) {
            return numberTooLarge(path(e), e, uri, resource);
        }
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            JsonProcessingException limit = e instanceof StreamConstraintsException ? e
                    : (JsonProcessingException) e.getCause();
            return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "Request body is too large to read: "
                    + JsonSyntax.explain(limit, ONE_VALUE) + at(e.getLocation())), uri);
        }
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST,
                "Request body could not be read as JSON" + path(e) + ": "
                        + JsonSyntax.explain(e, ONE_VALUE) + at(e.getLocation())), uri);
    }

    /**
     * The JSON body reader wraps parse errors and out-of-range numbers in a bare 400, which would reach the client as
     * "HTTP 400 Bad Request"; this gives them the same explaining detail as when Jackson's exception arrives directly.
     */
    private Response json(JsonProcessingException e, UriInfo uri, SimpleResourceInfo resource) {
        if (e instanceof InputCoercionException coercion) {
            return outOfRange(coercion, uri, resource);
        }
        if (e instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, uri);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatchedJson(mismatch, uri);
        }
        if (e instanceof InvalidDefinitionException undefined) {
            return undefinedJson(undefined, uri);
        }
        return unreadableJson(e, uri, resource);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = errors.stream().map(fe -> fe.field() + " " + fe.reason()).collect(Collectors.joining("; "));
        return respond(Problem.of(ProblemType.VALIDATION_FAILED, detail, errors), uri);
    }

    /** Errors raised by the REST layer itself. Each detail names what the request sent and what would be accepted. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers,
                         SimpleResourceInfo resource) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri, resource);
        }
        ProblemType type = ProblemType.forStatus(status);
        Optional<String> allow = status == 405 ? AllowedMethods.at(uri.getPath()) : Optional.empty();
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This resource does not support " + request.getMethod()
                    + allow.map(methods -> "; it supports " + methods + ".").orElse(".");
            case 406 -> "This resource answers in application/json (problems in application/problem+json), which "
                    + "the request's Accept header (" + quoted(headers.getHeaderString(HttpHeaders.ACCEPT))
                    + ") does not allow.";
            case 415 -> "This resource does not accept Content-Type "
                    + quoted(headers.getHeaderString(HttpHeaders.CONTENT_TYPE))
                    + "; send the body as JSON with Content-Type: application/json.";
            default -> e.getMessage();
        };
        Problem body = new Problem(type.uri(), type.title(), status, detail, uri.getPath(), null);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        // RFC 9110 requires it on a 405, and the REST layer's own 405 has none.
        allow.ifPresent(methods -> response.header(HttpHeaders.ALLOW, methods));
        return response.build();
    }

    private static String quoted(String headerValue) {
        if (headerValue == null) {
            return "none";
        }
        String shown = headerValue.length() > 100 ? headerValue.substring(0, 100) + "…" : headerValue;
        return "'" + shown + "'";
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (causedByUnreachableDependency(e)) {
            LOG.warnf("Dependency unavailable while serving %s: %s", uri.getPath(), e.toString());
            return respond(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                    "A service this request depends on is unreachable; retry later."), uri);
        }
        LOG.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return respond(Problem.of(ProblemType.INTERNAL,
                "The request could not be completed because of an internal error."), uri);
    }

    private static Response unauthorized(UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(ProblemType.UNAUTHENTICATED, UNAUTHENTICATED_DETAIL), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getPath()))
                .build();
    }

    private static boolean causedByUnreachableDependency(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "/" + ref.getFieldName() : "/" + ref.getIndex())
                .collect(Collectors.joining());
        return path.isEmpty() ? "" : " at " + path;
    }

    /** Where in the body the problem is: the mapping path, or for a parser-level error the parser's position. */
    private static String path(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping);
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            JsonParser parser = read.getProcessor();
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                String step = c.inObject() ? c.getCurrentName() : c.inArray() ? String.valueOf(c.getCurrentIndex())
                        : null;
                if (step != null) {
                    path.insert(0, "/" + step);
                }
            }
            return path.isEmpty() ? "" : " at " + path;
        }
        return "";
    }

    /** Where the value is, as {@code items[0].smeId}; null for the body itself. */
    private static String fieldOf(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** What a value of this type looks like in JSON, for people; null for types without a simple answer. */
    static String expectedValue(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number (a JSON number without quotes)";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == java.math.BigDecimal.class) {
            return "a number (a JSON number without quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an ISO-8601 instant such as 2027-05-31T00:00:00Z";
        }
        if (type == java.time.LocalDate.class) {
            return "a date such as 2026-12-01";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
