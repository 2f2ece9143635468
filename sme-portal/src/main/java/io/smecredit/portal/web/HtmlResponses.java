package io.smecredit.portal.web;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Renders a page without blocking and answers it with the status that says what happened. */
public final class HtmlResponses {

    private HtmlResponses() {
    }

    public static Uni<Response> render(int status, TemplateInstance page) {
        return page.createUni()
                .map(html -> Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build());
    }
}
