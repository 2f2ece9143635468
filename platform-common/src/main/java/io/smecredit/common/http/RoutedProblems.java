package io.smecredit.common.http;

import io.smecredit.common.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Answers a problem from a route handler, before any JAX-RS resource (and its exception mappers) is reached. */
final class RoutedProblems {

    private RoutedProblems() {
    }

    static void answer(RoutingContext rc, int status, Problem problem) {
        answer(rc.response(), status, problem);
    }

    static void answer(HttpServerResponse response, int status, Problem problem) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
