package io.smecredit.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code type} is a stable URI a client can switch on; {@code detail} says
 * in words what was wrong with this request; {@code errors} lists field-level problems when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://sme-credit.dev/problems/";

    /** One problem with one field of the request (JSON pointer or parameter name). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String reason) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null);
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, errors);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    static URI typeUri(String slug) {
        return URI.create(TYPE_BASE + slug);
    }
}
