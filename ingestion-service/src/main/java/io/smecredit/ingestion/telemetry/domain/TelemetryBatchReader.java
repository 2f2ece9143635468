package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smecredit.common.problem.JsonSyntax;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a body into the events of a batch, refusing the whole batch only when it cannot be read at all. Everything
 * inside is left to {@link TelemetryValidator}, so one bad event does not cost the others.
 *
 * <p>Formats: a JSON array of events; NDJSON (one event per line, blank lines ignored), where a line that is not JSON
 * is refused on its own; and a single JSON object (one event, as MQTT gateways publish it).
 *
 * <p>Speed: a batch of 500 events used to become 500 JSON trees (a dozen objects each) only to be copied into events.
 * Well-formed bodies are now read with the streaming parser ({@link EventScanner}); trees are built only for events
 * that are not plain (and so need the full check with its messages) and for dead-letter payloads, from the very bytes
 * of the event. Anything unusual about the body as a whole goes the tree way, so answers and messages are unchanged.
 */
public final class TelemetryBatchReader {

    private final ObjectReader reader;
    private final boolean streamable;

    public TelemetryBatchReader(ObjectMapper mapper) {
        // NaN and Infinity are read as numbers on purpose: the validator then rejects just that event with a clear
        // reason, instead of the whole batch failing to parse.
        this.reader = mapper.reader()
                .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Parses decimals to exactly the same doubles as Double.parseDouble, several times faster (profiled:
                // number parsing was a visible share of reading a batch).
                .with(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
        // The streaming reader skips fields it does not use without looking inside them; a mapper that refuses
        // repeated keys in trees would refuse a body the streaming reader accepts, so such a mapper reads trees only.
        this.streamable = !mapper.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** A JSON array of events, or (for MQTT) a single event object. */
    public List<BatchEntry> readJson(byte[] body, boolean singleObjectAllowed) {
        Channel channel = singleObjectAllowed ? Channel.MQTT_MESSAGE : Channel.REQUEST_BODY;
        if (body == null || body.length == 0) {
            throw malformed(channel.noun + " is empty; expected " + channel.expected + ".");
        }
        List<BatchEntry> streamed = streamable ? stream(body, singleObjectAllowed, true) : null;
        return streamed != null ? checked(streamed, channel) : readTree(body, channel);
    }

    /** How errors name what was read: an HTTP body takes an array; an MQTT message an event or an array. */
    private enum Channel {
        REQUEST_BODY("Request body", "a JSON array of telemetry events",
                "send one JSON array of events, or one event per line with Content-Type: application/x-ndjson"),
        MQTT_MESSAGE("MQTT message", "one telemetry event object or a JSON array of them",
                "publish one event object or one JSON array of events per message");

        final String noun;
        final String expected;
        final String oneValueHint;

        Channel(String noun, String expected, String oneValueHint) {
            this.noun = noun;
            this.expected = expected;
            this.oneValueHint = oneValueHint;
        }
    }

    /**
     * The fast path: reads the events of a well-formed body with the streaming parser, extracting the fields of plain
     * events without building trees. Returns null for anything else (not JSON, trailing content, not an array of
     * objects, ...): the tree reader then answers exactly as it always has, error messages included.
     */
    private List<BatchEntry> stream(byte[] body, boolean singleObjectAllowed, boolean arrayAllowed) {
        try (JsonParser parser = reader.createParser(body)) {
            JsonToken first = parser.nextToken();
            List<BatchEntry> entries;
            if (first == JsonToken.START_OBJECT && singleObjectAllowed) {
                BatchEntry entry = event(parser, body);
                if (entry == null) {
                    return null;
                }
                entries = List.of(entry);
            } else if (first == JsonToken.START_ARRAY && arrayAllowed) {
                entries = new ArrayList<>();
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                    BatchEntry entry = event(parser, body);
                    if (entry == null) {
                        return null;
                    }
                    entries.add(entry);
                }
                if (token != JsonToken.END_ARRAY) {
                    return null;
                }
            } else {
                return null;
            }
            return parser.nextToken() == null ? entries : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * One event object, the parser on its START_OBJECT. A plain event keeps its fields and builds its tree only if
     * asked; any other object gets its tree at once (from the same bytes), so it is checked exactly as before.
     * Null when the object's bytes cannot be located (then the whole body goes the tree way).
     */
    private BatchEntry event(JsonParser parser, byte[] body) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        EventFields fields = EventScanner.scan(parser);
        long end = parser.currentLocation().getByteOffset();
        if (start < 0 || end <= start || end > body.length || body[(int) start] != '{' || body[(int) end - 1] != '}') {
            return null;
        }
        int offset = (int) start;
        int length = (int) (end - start);
        if (fields == null) {
            return BatchEntry.of(reader.readTree(body, offset, length), firstOf(RepeatedFields.perEvent(reader, body,
                    offset, length)));
        }
        return BatchEntry.streamed(fields, () -> {
            try {
                return reader.readTree(body, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException("an event that was read once could not be read again", e);
            }
        });
    }

    /** The tree reader: every body that is not a well-formed array of objects, and every error message. */
    private List<BatchEntry> readTree(byte[] body, Channel channel) {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(channel.noun + " " + JsonSyntax.verdict(e) + ": "
                    + JsonSyntax.explain(e, channel.oneValueHint) + at(e.getLocation()) + ".");
        } catch (IOException e) {
            throw malformed(channel.noun + " could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw malformed(channel.noun + " is empty; expected " + channel.expected + ".");
        }
        List<RepeatedFields.Found> repeated = RepeatedFields.perEvent(reader, body, 0, body.length);
        if (channel == Channel.MQTT_MESSAGE && root.isObject()) {
            return List.of(BatchEntry.of(root, firstOf(repeated)));
        }
        if (!root.isArray()) {
            throw malformed(channel.noun + " must be " + channel.expected + ", but is a JSON "
                    + root.getNodeType().name().toLowerCase() + ".");
        }
        List<BatchEntry> entries = new ArrayList<>(root.size());
        for (int index = 0; index < root.size(); index++) {
            entries.add(BatchEntry.of(root.get(index),
                    index < repeated.size() ? repeated.get(index) : RepeatedFields.Found.NONE));
        }
        return checked(entries, channel);
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
            byte[] lineBytes = line.getBytes(StandardCharsets.UTF_8);
            List<BatchEntry> streamed = streamable ? stream(lineBytes, true, false) : null;
            if (streamed != null) {
                entries.add(streamed.get(0));
                readable++;
                continue;
            }
            try {
                entries.add(BatchEntry.of(reader.readTree(line),
                        firstOf(RepeatedFields.perEvent(reader, lineBytes, 0, lineBytes.length))));
                readable++;
            } catch (JsonProcessingException e) {
                entries.add(BatchEntry.unreadable(line, "line " + JsonSyntax.verdict(e) + ": "
                        + JsonSyntax.explain(e, "put each event on a line of its own")));
            }
        }
        if (entries.isEmpty()) {
            throw malformed("Request body is empty; expected one telemetry event per line (NDJSON).");
        }
        if (readable == 0) {
            throw malformed("No line of the NDJSON body is valid JSON; expected one telemetry event object per line.");
        }
        return checked(entries, Channel.REQUEST_BODY);
    }

    private static RepeatedFields.Found firstOf(List<RepeatedFields.Found> found) {
        return found.isEmpty() ? RepeatedFields.Found.NONE : found.get(0);
    }

    private static List<BatchEntry> checked(List<BatchEntry> entries, Channel channel) {
        if (entries.isEmpty()) {
            throw malformed(channel.noun + " is an empty array; send at least one telemetry event.");
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
