package io.smecredit.common.http;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Request-body limits answered as 413 problem+json, the same for both transfer modes. The HTTP layer's own limit
 * (quarkus.http.limits.max-body-size) answers with a bare text 413 and is one number for every path; a service that
 * needs a large body on one path (a model upload) would otherwise accept that size everywhere.
 *
 * <p>A declared Content-Length over the path's limit is refused before a byte is read. A chunked body declares no
 * length, so it is read here, counting, and refused as soon as it passes the limit; a body within the limit is handed
 * to the REST layer by {@link BufferedBodyFilter}. A 413 raised anyway by the HTTP layer's backstop is rewritten as a
 * problem document.
 *
 * <p>Opt-in: active only in a service that sets {@code platform.http.max-body-bytes}. Paths with another limit are
 * listed in {@code platform.http.max-body-bytes-by-path} as {@code path=bytes} entries (exact paths).
 */
@ApplicationScoped
public class RequestBodyLimit {

    static final String BUFFERED_BODY = "platform.buffered-body";

    private final Optional<Long> defaultLimit;
    private final Map<String, Long> limitByPath = new HashMap<>();

    public RequestBodyLimit(@ConfigProperty(name = "platform.http.max-body-bytes") Optional<Long> defaultLimit,
                            @ConfigProperty(name = "platform.http.max-body-bytes-by-path")
                            Optional<List<String>> limitsByPath) {
        this.defaultLimit = defaultLimit;
        for (String entry : limitsByPath.orElse(List.of())) {
            int equals = entry.lastIndexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "platform.http.max-body-bytes-by-path entries look like /path=bytes, not '" + entry + "'");
            }
            limitByPath.put(entry.substring(0, equals).trim(), Long.parseLong(entry.substring(equals + 1).trim()));
        }
    }

    void install(@Observes Router router) {
        if (defaultLimit.isEmpty()) {
            return;
        }
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::limit);
        router.route().order(Integer.MIN_VALUE).failureHandler(RequestBodyLimit::describeBackstop);
    }

    /** The limit that applies to a request path. */
    public long limitFor(String path) {
        return limitByPath.getOrDefault(path, defaultLimit.orElse(Long.MAX_VALUE));
    }

    private void limit(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        long limit = limitFor(request.path());
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (parse(length) > limit) {
                tooLarge(rc, limit);
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
            if (body.length() + (long) chunk.length() > limit) {
                refused.set(true);
                tooLarge(rc, limit);
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

    private static void describeBackstop(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            answer(rc, "The request body is larger than this service accepts.");
            return;
        }
        rc.next();
    }

    private static void tooLarge(RoutingContext rc, long limit) {
        answer(rc, "The request body is larger than " + limit + " bytes.");
    }

    private static void answer(RoutingContext rc, String detail) {
        Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE, detail).withInstance(rc.request().path());
        // The rest of an oversized body is not read; closing the connection is the only way to stop it.
        RoutedProblems.answer(rc.response().putHeader(HttpHeaders.CONNECTION, "close"), 413, problem);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
