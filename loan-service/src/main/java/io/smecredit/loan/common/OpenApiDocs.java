package io.smecredit.loan.common;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Documents the body limit (platform-common's {@link io.smecredit.common.http.RequestBodyLimit}, configured as
 * platform.http.max-body-bytes) on every operation that takes a body: it applies to all of them, so it is added here
 * once rather than annotated on each resource method.
 */
public class BodyLimitDocs implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getRequestBody() != null && operation.getResponses() != null
                && operation.getResponses().getAPIResponse("413") == null) {
            operation.getResponses().addAPIResponse("413", OASFactory.createAPIResponse()
                    .description("The request body is larger than the limit (64 KiB by default, LOAN_MAX_BODY_BYTES), "
                            + "whether sent with Content-Length or chunked.")
                    .content(OASFactory.createContent().addMediaType("application/problem+json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema()
                                    .ref("#/components/schemas/Problem")))));
        }
        return operation;
    }
}
