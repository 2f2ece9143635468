package io.smecredit.common.http;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Every query parameter of these APIs, and the headers that say who calls and which request this is, take one value,
 * and JAX-RS silently keeps the first of several: a client sending {@code ?status=valid&status=expired} would get the
 * valid ones and believe it asked for both, and one sending two {@code Idempotency-Key} headers had its retry under
 * the second key create a second application. Refused up front, for every endpoint, as a 400 problem naming each.
 */
@ApplicationScoped
public class RepeatedParameterGuard {

    /** Headers whose second value would be ignored by the code that reads them. */
    static final List<String> SINGLE_VALUED_HEADERS = List.of("Authorization", "Idempotency-Key");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(RepeatedParameterGuard::refuseRepeatedParameters);
    }

    private static void refuseRepeatedParameters(RoutingContext rc) {
        List<String> repeated = new ArrayList<>(0);
        for (String header : SINGLE_VALUED_HEADERS) {
            if (rc.request().headers().getAll(header).size() > 1) {
                repeated.add(header);
            }
        }
        String query = rc.request().query();
        // One parameter needs no '&'; most requests have no query at all.
        if (query != null && query.indexOf('&') >= 0) {
            try {
                repeated.addAll(repeatedNames(rc.queryParams()));
            } catch (IllegalArgumentException undecodable) {
                // not ours to judge: the HTTP layer answers a broken escape itself
            }
        }
        if (repeated.isEmpty()) {
            rc.next();
            return;
        }
        List<Problem.FieldError> errors = repeated.stream()
                .map(name -> new Problem.FieldError(name, "must be given once")).toList();
        Problem problem = Problem.of(ProblemType.VALIDATION_FAILED, (repeated.size() > 1 ? "Parameters " : "Parameter ")
                + String.join(", ", repeated) + " given more than once: each header and query parameter of this API "
                + "takes one value.", errors).withInstance(rc.request().path());
        RoutedProblems.answer(rc, 400, problem);
    }

    static List<String> repeatedNames(MultiMap parameters) {
        List<String> repeated = new ArrayList<>(0);
        for (String name : new TreeSet<>(parameters.names())) {
            if (parameters.getAll(name).size() > 1) {
                repeated.add(name);
            }
        }
        return repeated;
    }
}
