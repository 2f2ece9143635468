package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a body into the events of a batch, refusing the whole batch only when it cannot be read at all. Everything
 * inside is left to {@link TelemetryValidator}, so one bad event does not cost the others.
 *
 * <p>Formats: a JSON array of events; NDJSON (one event per line, blank lines ignored), where a line that is not JSON
 * is refused on its own; and a single JSON object (one event, as MQTT gateways publish it).
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

    /** A JSON array of events, or (for MQTT) a single event object. */
    public List<BatchEntry> readJson(byte[] body, boolean singleObjectAllowed) {
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
        if (singleObjectAllowed && root.isObject()) {
            return List.of(BatchEntry.of(root));
        }
        if (!root.isArray()) {
            throw malformed("Request body must be a JSON array of telemetry events, but is a JSON "
                    + root.getNodeType().name().toLowerCase() + ".");
        }
        List<BatchEntry> entries = new ArrayList<>(root.size());
        root.forEach(node -> entries.add(BatchEntry.of(node)));
        return checked(entries);
    }

    /** One event per line. A line that is not JSON is that event's problem; a body with no readable line is the request's. */
    public List<BatchEntry> readNdjson(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        List<BatchEntry> entries = new ArrayList<>();
        int readable = 0;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (entries.size() >= TelemetryLimits.MAX_EVENTS_PER_BATCH) {
                throw tooMany("more than " + TelemetryLimits.MAX_EVENTS_PER_BATCH);
            }
            try {
                entries.add(BatchEntry.of(reader.readTree(line)));
                readable++;
            } catch (JsonProcessingException e) {
                entries.add(BatchEntry.unreadable(line, "line is not valid JSON: " + e.getOriginalMessage()));
            }
        }
        if (entries.isEmpty()) {
            throw malformed("Request body is empty; expected one telemetry event per line (NDJSON).");
        }
        if (readable == 0) {
            throw malformed("No line of the NDJSON body is valid JSON; expected one telemetry event object per line.");
        }
        return checked(entries);
    }

    private static List<BatchEntry> checked(List<BatchEntry> entries) {
        if (entries.isEmpty()) {
            throw malformed("Request body is an empty array; send at least one telemetry event.");
        }
        if (entries.size() > TelemetryLimits.MAX_EVENTS_PER_BATCH) {
            throw tooMany(String.valueOf(entries.size()));
        }
        return entries;
    }

    private static ProblemException tooMany(String count) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Batch has " + count
                + " events; at most " + TelemetryLimits.MAX_EVENTS_PER_BATCH + " are accepted per request.");
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
