package io.smecredit.loan.alert.resource;

import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.loan.alert.service.AlertFeed;
import io.smecredit.loan.alert.service.WebhookService;
import io.smecredit.loan.common.ApiDocs;
import io.smecredit.loan.common.Tenants;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Early warnings")
@RolesAllowed("bank")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHENTICATED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks role 'bank' or its client is not a registered bank.",
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = ApiDocs.RATE_LIMITED,
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
public class AlertResource {

    private final AlertFeed feed;
    private final WebhookService webhooks;
    private final Tenants tenants;

    public AlertResource(AlertFeed feed, WebhookService webhooks, Tenants tenants) {
        this.feed = feed;
        this.webhooks = webhooks;
        this.tenants = tenants;
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Early-warning feed",
            description = "Alerts (grade downgrade, score drop, production stopped) for SMEs the bank monitors "
                    + "under a valid 'monitoring' consent, oldest first, at most " + AlertFeed.PAGE_SIZE
                    + " per page (limit). "
                    + "Poll with after=nextCursor. Alerts of SMEs whose consent has ended are not shown. "
                    + "Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "A page of alerts and the cursor for the next one.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertPage.class)))
    @APIResponse(responseCode = "400", description = "after is not a cursor of this feed (not a whole number, or "
            + "ahead of every alert), or limit is out of range.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertPage> alerts(@Parameter(description = "nextCursor of the previous page; omit to start")
                                 @QueryParam("after") String after,
                                 @Parameter(description = "Alerts per page, 1 to " + AlertFeed.PAGE_SIZE + " (default "
                                         + AlertFeed.PAGE_SIZE + ")") @QueryParam("limit") String limit) {
        return feed.after(tenants.currentBank(), after, limit).map(AlertPage::of);
    }

    @PUT
    @Path("/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register the bank's alert webhook",
            description = "Alerts are POSTed to this URL as JSON, signed: X-SmeCredit-Timestamp (epoch seconds) and "
                    + "X-SmeCredit-Signature: v1=hex(HMAC-SHA256(secret, timestamp + \".\" + body)). Failed deliveries "
                    + "(non-2xx, timeout) are retried with exponential backoff. The URL must be https (alerts carry "
                    + "SME data) and resolve only to public addresses: private, loopback, link-local, unique-local, "
                    + "cloud-metadata, carrier-grade NAT, documentation, reserved and IPv4-carrying IPv6 targets are "
                    + "refused, at registration and at every delivery (which connects to the very address it checked). Each PUT issues a new secret, stored encrypted and shown only here. "
                    + "Every delivery attempt is audited. Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "The webhook and its new signing secret.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "The URL is malformed, not https, carries credentials or a port "
            + "outside 1-65535, its host does not resolve, or it resolves to an address that is not public.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<WebhookView> register(WebhookRegistration registration) {
        return webhooks.register(tenants.currentBank(), registration == null ? null : registration.url())
                .map(WebhookView::of);
    }

    @GET
    @Path("/webhook")
    @Operation(summary = "The bank's webhook (without its secret)", description = "Requires role 'bank'.")
    @APIResponse(responseCode = "200", description = "The registered webhook.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No webhook registered.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<WebhookView> webhook() {
        return webhooks.current(tenants.currentBank()).map(WebhookView::of);
    }

    @DELETE
    @Path("/webhook")
    @Operation(summary = "Remove the bank's webhook", description = "Pending deliveries are dropped: they are not sent"
            + " to a webhook registered later. Requires role 'bank'.")
    @APIResponse(responseCode = "204", description = "Removed (or there was none).")
    public Uni<Response> removeWebhook() {
        return webhooks.remove(tenants.currentBank()).map(v -> Response.noContent().build());
    }
}
