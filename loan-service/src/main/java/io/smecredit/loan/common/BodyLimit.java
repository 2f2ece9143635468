package io.smecredit.loan.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemType;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The request-body limit (loan.max-body-bytes), the same for both transfer modes, answered as 413 problem+json. A
 * declared Content-Length over the limit is refused before any byte is read. A chunked body declares no length, so it
 * is read here, counting, and refused as soon as it passes the limit; a body within the limit is handed to the REST
 * layer by {@link RequestGuards}. Runs before the HTTP layer's own limit (quarkus.http.limits.max-body-size), which
 * stays as a backstop but would answer without a problem document.
 */
@ApplicationScoped
public class BodyLimit {

    static final String BUFFERED_BODY = "loan.buffered-body";

    private final long maxBodyBytes;
    private final ObjectMapper json;

    public BodyLimit(@ConfigProperty(name = "loan.max-body-bytes") long maxBodyBytes, ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::limit);
    }

    private void limit(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (parse(length) > maxBodyBytes) {
                tooLarge(rc);
            } else {
                rc.next();
            }
            return;
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding == null || !encoding.toLowerCase().contains("chunked")) {
            rc.next();
            return;
        }
        Buffer body = Buffer.buffer();
        AtomicBoolean refused = new AtomicBoolean();
        request.handler(chunk -> {
            if (refused.get()) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodyBytes) {
                refused.set(true);
                tooLarge(rc);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (refused.compareAndSet(false, true)) {
                rc.fail(400, failure);
            }
        });
        request.endHandler(ignored -> {
            if (!refused.get()) {
                rc.put(BUFFERED_BODY, body);
                rc.next();
            }
        });
        request.resume();
    }

    private void tooLarge(RoutingContext rc) {
        Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBodyBytes + " bytes.").withInstance(rc.request().path());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "";
        }
        // The rest of an oversized body is not read; closing the connection is the only way to stop it.
        rc.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
