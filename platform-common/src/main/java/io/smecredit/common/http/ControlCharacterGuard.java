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
 * (a {@code %00} in an id reached the database and came back as a 500). Refused up front, for every endpoint, as a
 * 400 problem that says so.
 */
@ApplicationScoped
public class ControlCharacterGuard {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ControlCharacterGuard::refuseControlCharacters);
    }

    private static void refuseControlCharacters(RoutingContext rc) {
        String uri = rc.request().uri();
        // Only an escaped character can decode to a control character; most requests have no '%' at all.
        if (uri.indexOf('%') < 0 || !decodesToControlCharacter(uri)) {
            rc.next();
            return;
        }
        Problem problem = Problem.of(ProblemType.MALFORMED_REQUEST, "The request URI contains a control character "
                + "(such as %00): no id or parameter of this API can contain one.")
                // The raw path: still percent-encoded, so the control character is not echoed as such.
                .withInstance(rc.request().path());
        RoutedProblems.answer(rc, 400, problem);
    }

    static boolean decodesToControlCharacter(String uri) {
        String decoded;
        try {
            QueryStringDecoder parts = new QueryStringDecoder(uri);
            decoded = parts.path() + " " + parts.parameters();
        } catch (IllegalArgumentException undecodable) {
            return false; // not ours to judge: the HTTP layer answers a broken escape itself
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
