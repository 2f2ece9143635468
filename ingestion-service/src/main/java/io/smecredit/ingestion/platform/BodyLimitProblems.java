package io.smecredit.ingestion.platform;

import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.ingestion.telemetry.domain.TelemetryLimits;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The HTTP layer refuses bodies above quarkus.http.limits.max-body-size with a bare 413 before any JAX-RS code runs.
 * Gateways must get the same RFC 9457 problem+json as for every other error, so a declared Content-Length above the
 * limit is answered here, before the body is read, and a 413 raised later while reading (chunked bodies) is rewritten
 * by a failure handler.
 */
@ApplicationScoped
public class BodyLimitProblems {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversize);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::describeOversize);
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            answer(context);
            return;
        }
        context.next();
    }

    private void describeOversize(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            answer(context);
            return;
        }
        context.next();
    }

    private static boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > TelemetryLimits.MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void answer(RoutingContext context) {
        Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "Body exceeds "
                        + TelemetryLimits.MAX_BODY_BYTES / (1024 * 1024) + " MB; split it into smaller batches.")
                .withInstance(context.request().path());
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // The unread body would otherwise keep arriving on this connection (and the client keep sending it).
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(done -> context.request().connection().close())
                .end(Json.encode(problem));
    }
}
