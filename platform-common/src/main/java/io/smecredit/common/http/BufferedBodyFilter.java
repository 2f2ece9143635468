package io.smecredit.common.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;

/** Hands a chunked body that {@link RequestBodyLimit} already read (and measured) to the REST layer. */
public class BufferedBodyFilter {

    @ServerRequestFilter
    public void restoreBody(ContainerRequestContext request, RoutingContext routing) {
        Buffer buffered = routing.get(RequestBodyLimit.BUFFERED_BODY);
        if (buffered != null) {
            request.setEntityStream(new ByteArrayInputStream(buffered.getBytes()));
        }
    }
}
