package io.smecredit.common.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * No id, path segment or query value of these APIs may contain a control character, and PostgreSQL cannot store a NUL
 * (a {@code %00} in an id reached the database and came back as a 500); nor a broken percent-escape ({@code %ZZ}),
 * which the HTTP layer would answer with an empty 400. Both refused up front, for every endpoint, as a 400 problem that
 * says which.
 */
@ApplicationScoped
public class ControlCharacterGuard {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ControlCharacterGuard::refuseControlCharacters);
    }

    private static void refuseControlCharacters(RoutingContext rc) {
        String uri = rc.request().uri();
        // Only an escaped character can decode to a control character or fail to decode; most requests have no '%'.
        UriFault fault = uri.indexOf('%') < 0 ? UriFault.NONE : faultOf(uri);
        if (fault == UriFault.NONE) {
            rc.next();
            return;
        }
        String detail = fault == UriFault.CONTROL_CHARACTER
                ? "The request URI contains a control character (such as %00): no id or parameter of this API can "
                + "contain one."
                // Otherwise the HTTP layer answers an empty 400 that names nothing.
                : "The request URI has a broken percent-escape: each '%' must be followed by two hexadecimal digits "
                + "(write a literal '%' as %25), and the escapes must spell UTF-8.";
        // The raw path: still percent-encoded, so a control character is not echoed as such.
        RoutedProblems.answer(rc, 400, Problem.of(ProblemType.MALFORMED_REQUEST, detail)
                .withInstance(rc.request().path()));
    }

    enum UriFault { NONE, CONTROL_CHARACTER, BROKEN_ESCAPE }

    static UriFault faultOf(String uri) {
        String decoded;
        try {
            QueryStringDecoder parts = new QueryStringDecoder(uri);
            decoded = parts.path() + " " + parts.parameters();
        } catch (IllegalArgumentException undecodable) {
            return UriFault.BROKEN_ESCAPE;
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return UriFault.CONTROL_CHARACTER;
            }
        }
        return UriFault.NONE;
    }
}
