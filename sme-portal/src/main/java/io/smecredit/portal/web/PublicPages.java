package io.smecredit.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Pages that need no sign-in. */
@Path("/signed-out")
@Produces(MediaType.TEXT_HTML)
public class PublicPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedOut();
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> signedOut() {
        return HtmlResponses.render(200, Templates.signedOut());
    }
}
