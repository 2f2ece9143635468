package io.smecredit.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Errors as pages a person can read; the technical detail goes to the log, never to the browser. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String heading, String message);
    }

    /**
     * A form refused before any resource ran (the CSRF check answers a bare 400): typically a page left open so long
     * that its token no longer matches. Say so instead of showing an empty page.
     */
    @ServerResponseFilter
    public void explainRefusedForm(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity() && "POST".equals(request.getMethod())) {
            response.setEntity(formNotAccepted(
                    "This form could not be checked, so nothing was changed. Reload the page and try again."),
                    null, HTML);
        }
    }

    /** The page for a form refused before any resource ran; rendered at once, as filters cannot wait. */
    static String formNotAccepted(String why) {
        return Templates.error("Form not accepted", why).render();
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException denied) {
        return HtmlResponses.render(403, Templates.error("Not an SME owner account",
                "You are signed in, but this account is not linked to an SME, so there are no consents to manage. "
                        + "Sign out and sign in with your SME owner account."));
    }

    @ServerExceptionMapper
    public Uni<Response> notFound(NotFoundException missing) {
        return HtmlResponses.render(404, Templates.error("Page not found", "There is no such page in the SME portal."));
    }

    @ServerExceptionMapper
    public Uni<Response> refused(WebApplicationException refused) {
        int status = refused.getResponse() == null ? 500 : refused.getResponse().getStatus();
        if (status < 500) {
            return HtmlResponses.render(status, Templates.error("Request not accepted",
                    "The portal could not accept this request. Go back to your consents and try again."));
        }
        return unexpected(refused);
    }

    @ServerExceptionMapper
    public Uni<Response> unexpected(Throwable failure) {
        LOG.error("unexpected failure while serving a portal page", failure);
        return HtmlResponses.render(500, Templates.error("Something went wrong",
                "Something went wrong on our side and nothing was changed. Please try again in a minute."));
    }
}
