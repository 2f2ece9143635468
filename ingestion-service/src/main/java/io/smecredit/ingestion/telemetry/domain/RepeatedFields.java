package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the fields of the telemetry format that an event gives more than once. A JSON tree keeps only the last of
 * two equal keys, so without this an event with two {@code unitsProduced} would be accepted with whichever the
 * gateway happened to write last; instead such an event is refused with {@code duplicate_field}. Only the format's
 * own fields count: unknown fields are ignored whether they are repeated or not, as the streaming reader does.
 *
 * <p>Runs only for events that are not plain (the streaming reader already sends every event with a repeated known
 * field down the tree path), so the bulk of a batch never pays for it.
 */
final class RepeatedFields {

    private static final Set<String> EVENT_FIELDS = Set.of("eventId", "smeId", "machineId", "timestamp", "metrics");
    private static final Set<String> METRIC_FIELDS = Set.of("runSeconds", "idleSeconds", "downSeconds",
            "unitsProduced", "unitsRejected", "energyKwh");

    /** An event as read: the repeated fields as dotted paths (metrics.unitsProduced), and its text as received. */
    record Found(List<String> paths, String text) {

        static final Found NONE = new Found(List.of(), null);

        boolean any() {
            return !paths.isEmpty();
        }
    }

    private RepeatedFields() {
    }

    /** For each element of a JSON array (or for a single JSON object: one entry), what it repeats. */
    static List<Found> perEvent(ObjectReader reader, byte[] json, int offset, int length) {
        List<Found> found = new ArrayList<>();
        try (JsonParser parser = reader.createParser(json, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                found.add(event(parser, json, offset));
            } else if (first == JsonToken.START_ARRAY) {
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                    if (token == JsonToken.START_OBJECT) {
                        found.add(event(parser, json, offset));
                    } else {
                        parser.skipChildren();
                        found.add(Found.NONE);
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // Only called on text that was read as JSON already; if it cannot be read twice, nothing is repeated.
            return List.of();
        }
        return found;
    }

    /**
     * One event, the parser on its START_OBJECT (its byte offsets count from {@code offset} in {@code json}); left on
     * its END_OBJECT.
     */
    private static Found event(JsonParser parser, byte[] json, int offset) throws IOException {
        long start = offset + parser.currentTokenLocation().getByteOffset();
        List<String> paths = new ArrayList<>(0);
        repeatedIn(parser, EVENT_FIELDS, "", paths);
        if (paths.isEmpty()) {
            return Found.NONE;
        }
        long end = offset + parser.currentLocation().getByteOffset();
        String text = start >= 0 && end > start && end <= json.length
                ? new String(json, (int) start, (int) (end - start), StandardCharsets.UTF_8)
                : null;
        return new Found(List.copyOf(paths), text);
    }

    private static void repeatedIn(JsonParser parser, Set<String> known, String prefix, List<String> paths)
            throws IOException {
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (known.contains(name) && !seen.add(name) && !paths.contains(prefix + name)) {
                paths.add(prefix + name);
            }
            if (prefix.isEmpty() && name.equals("metrics") && value == JsonToken.START_OBJECT) {
                repeatedIn(parser, METRIC_FIELDS, "metrics.", paths);
            } else {
                parser.skipChildren();
            }
        }
    }
}
