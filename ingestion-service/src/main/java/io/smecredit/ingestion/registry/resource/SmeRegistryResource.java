package io.smecredit.ingestion.registry.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.common.problem.StrictJson;
import io.smecredit.contracts.SmeId;
import io.smecredit.contracts.SmeProfile;
import io.smecredit.ingestion.registry.service.SmeDirectory;
import io.smecredit.ingestion.registry.service.SmeRegistryService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@Path("/api/v1/smes")
@Tag(name = "SME registry")
@SecurityRequirement(name = "bearer")
public class SmeRegistryResource {

    private final SmeRegistryService registry;
    private final SmeDirectory directory;
    private final ObjectMapper strictJson;
    private final Validator validator;

    public SmeRegistryResource(SmeRegistryService registry, SmeDirectory directory, ObjectMapper json,
                               Validator validator) {
        this.registry = registry;
        this.directory = directory;
        // Read as sent: "industry": true would otherwise become the cohort "true", the last of two names would win and
        // a body's own smeId would be dropped in favour of the path's.
        this.strictJson = StrictJson.strictCopyOf(json);
        this.validator = validator;
    }

    @GET
    @Path("/{smeId}")
    @RolesAllowed("operator")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read an SME's registration",
            description = "Operator only. The SME's name, its industry × region (its peer cohort) and the machines that "
                    + "may report for it, in id order.")
    @APIResponse(responseCode = "200", description = "The SME as registered")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Token lacks the operator role")
    @APIResponse(responseCode = "404", description = "No SME with this id is registered (application/problem+json)")
    public Uni<SmeView> find(@PathParam("smeId") String smeId) {
        return registry.find(smeId).map(found -> new SmeView(smeId, found.sme().name(), found.sme().industry(),
                found.sme().region(), found.machineIds()));
    }

    @PUT
    @Path("/{smeId}")
    @RolesAllowed("operator")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or replace an SME and its machines",
            description = "Operator only. Upsert: the machine list replaces the SME's machines. Telemetry from this "
                    + "instance's gateways is validated against the new registration immediately; other instances "
                    + "pick it up within ingestion.registry.max-age (default 30 s). The SME's industry × region is its peer "
                    + "cohort for the cohort features.")
    @APIResponse(responseCode = "201", description = "SME created")
    @APIResponse(responseCode = "200", description = "SME updated")
    @APIResponse(responseCode = "400", description = "Invalid body or SME id (application/problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Token lacks the operator role")
    @APIResponse(responseCode = "503", description = "Saved, but Kafka did not take the registry update; retry")
    public Uni<Response> register(
            @PathParam("smeId") @Pattern(regexp = SmeId.PATTERN, message = SmeId.RULE) String smeId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SmeRegistration.class))) String body,
            @Context UriInfo uri) throws JsonProcessingException {
        SmeRegistration registration = strictJson.readValue(body, SmeRegistration.class);
        if (registration == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A registration is required: {name, industry, "
                    + "region, machines}.");
        }
        Set<ConstraintViolation<SmeRegistration>> violations = validator.validate(registration);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<String> machines = List.copyOf(new LinkedHashSet<>(registration.machines()));
        return registry.register(smeId, registration.name(), registration.industry(), registration.region(),
                        new LinkedHashSet<>(machines))
                .call(directory::reload)
                .call(() -> registry.announce(new SmeProfile(smeId, registration.name(), registration.industry(),
                        registration.region())))
                .map(created -> {
                    SmeView view = new SmeView(smeId, registration.name(), registration.industry(),
                            registration.region(), machines.stream().sorted().toList());
                    // A relative Location: built from the request's Host header, it named whatever host the caller
                    // sent. Set as a header: Response.created() would resolve it against that same Host.
                    return created
                            ? Response.status(Response.Status.CREATED)
                                    .header(HttpHeaders.LOCATION, uri.getAbsolutePath().getRawPath()).entity(view).build()
                            : Response.ok(view).build();
                });
    }
}
