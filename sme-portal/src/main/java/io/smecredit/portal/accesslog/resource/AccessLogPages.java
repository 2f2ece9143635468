package io.smecredit.portal.accesslog.resource;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.smecredit.portal.accesslog.domain.AccessLogPage;
import io.smecredit.portal.accesslog.service.AccessLogService;
import io.smecredit.portal.web.HtmlResponses;
import io.smecredit.portal.web.Owner;
import io.smecredit.portal.web.PortalActionFailed;
import io.smecredit.portal.web.SignedInOwner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.regex.Pattern;

/** "Who read my data": every read of the owner's data by a bank, as loan-service's audit log recorded it. */
@Path("/access-log")
@RolesAllowed("sme")
@Produces(MediaType.TEXT_HTML)
public class AccessLogPages {

    /** The "Older entries" link's cursor: an access-log record's sequence number. */
    private static final Pattern PAGE_CURSOR = Pattern.compile("[1-9][0-9]{0,17}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance log(Owner owner, AccessLogPage page, String error);
    }

    private final AccessLogService accessLog;
    private final SignedInOwner owner;

    public AccessLogPages(AccessLogService accessLog, SignedInOwner owner) {
        this.accessLog = accessLog;
        this.owner = owner;
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> log(@QueryParam("before") String before) {
        if (before != null && !PAGE_CURSOR.matcher(before).matches()) {
            // Not a link this page made (edited or cut off): show the newest entries rather than a technical refusal.
            return Uni.createFrom().item(Response.seeOther(URI.create("/access-log")).build());
        }
        return accessLog.page(before)
                .flatMap(page -> HtmlResponses.render(200, Templates.log(owner.current(), page, null)))
                .onFailure(PortalActionFailed.class).recoverWithUni(failure -> {
                    PortalActionFailed refused = (PortalActionFailed) failure;
                    return HtmlResponses.render(refused.failure().status(),
                            Templates.log(owner.current(), AccessLogPage.empty(), refused.failure().message()));
                });
    }
}
