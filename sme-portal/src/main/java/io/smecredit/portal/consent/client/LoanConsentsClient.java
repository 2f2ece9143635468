package io.smecredit.portal.consent.client;

import io.smallrye.mutiny.Uni;
import io.smecredit.portal.web.OwnerAccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * loan-service's consent endpoints for SMEs. Every call carries the signed-in owner's own access token, so
 * loan-service decides from that token which SME's consents these are; the portal never names the SME itself.
 */
@RegisterRestClient(configKey = "loan")
@RegisterClientHeaders(OwnerAccessToken.class)
@Path("/api/v1/me/consents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface LoanConsentsClient {

    @GET
    Uni<List<LoanConsent>> list();

    @POST
    Uni<LoanConsent> grant(NewConsent grant);

    @POST
    @Path("/{id}/approve")
    Uni<LoanConsent> approve(@PathParam("id") String consentId);

    @POST
    @Path("/{id}/reject")
    Uni<LoanConsent> reject(@PathParam("id") String consentId);

    @DELETE
    @Path("/{id}")
    Uni<LoanConsent> revoke(@PathParam("id") String consentId);
}
