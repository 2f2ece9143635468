package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

import java.io.IOException;

/**
 * Reads a request body into a JSON array of events, refusing the whole batch only when it cannot be read at all.
 * Everything inside the array is left to {@link TelemetryValidator}, so one bad event does not cost the others.
 */
public final class TelemetryBatchReader {

    private final ObjectReader reader;

    public TelemetryBatchReader(ObjectMapper mapper) {
        // NaN and Infinity are read as numbers on purpose: the validator then rejects just that event with a clear
        // reason, instead of the whole batch failing to parse.
        this.reader = mapper.reader()
                .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ArrayNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("Request body is empty; expected a JSON array of telemetry events.");
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("Request body is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw malformed("Request body could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("Request body is empty; expected a JSON array of telemetry events.");
        }
        if (!root.isArray()) {
            throw malformed("Request body must be a JSON array of telemetry events, but is a JSON "
                    + root.getNodeType().name().toLowerCase() + ".");
        }
        ArrayNode events = (ArrayNode) root;
        if (events.isEmpty()) {
            throw malformed("Request body is an empty array; send at least one telemetry event.");
        }
        if (events.size() > TelemetryLimits.MAX_EVENTS_PER_BATCH) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Batch has " + events.size()
                    + " events; at most " + TelemetryLimits.MAX_EVENTS_PER_BATCH + " are accepted per request.");
        }
        return events;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST, detail);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
