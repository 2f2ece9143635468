package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Supplier;

/**
 * One event of a batch as read: its JSON, or, for an NDJSON line that is not JSON, the raw line and why it could not
 * be read (so that line alone is refused and still reaches the dead-letter topic).
 *
 * <p>An event read by the streaming reader also carries its fields already extracted ({@link #fields()}), and its JSON
 * tree is built only when something needs it: an event that is not a plain, valid event (it then goes through the
 * full field-by-field check) or a dead letter's payload. Valid events, the bulk of every batch, never become trees.
 */
public final class BatchEntry {

    private final EventFields fields;
    private final Supplier<JsonNode> tree;
    private final String raw;
    private final String unreadable;
    private final RepeatedFields.Found repeated;
    private JsonNode json;

    private BatchEntry(JsonNode json, EventFields fields, Supplier<JsonNode> tree, String raw, String unreadable,
                       RepeatedFields.Found repeated) {
        this.json = json;
        this.fields = fields;
        this.tree = tree;
        this.raw = raw;
        this.unreadable = unreadable;
        this.repeated = repeated;
    }

    public static BatchEntry of(JsonNode json) {
        return of(json, RepeatedFields.Found.NONE);
    }

    /** An event whose text gives some of the format's fields more than once (the tree holds the last of each). */
    static BatchEntry of(JsonNode json, RepeatedFields.Found repeated) {
        return new BatchEntry(json, null, null, null, null, repeated);
    }

    /**
     * An event whose fields the streaming reader extracted.
     *
     * @param fields the fields, or null when the event is not a plain event (then only the tree is used)
     * @param tree   builds the event's JSON tree from the bytes it was read from, exactly as {@link #of} would hold it
     */
    public static BatchEntry streamed(EventFields fields, Supplier<JsonNode> tree) {
        return new BatchEntry(null, fields, tree, null, null, RepeatedFields.Found.NONE);
    }

    public static BatchEntry unreadable(String raw, String why) {
        return new BatchEntry(null, null, null, raw, why, RepeatedFields.Found.NONE);
    }

    public boolean readable() {
        return json != null || tree != null;
    }

    /** The event's fields when it is a plain event (all fields present once, with their JSON types); else null. */
    public EventFields fields() {
        return fields;
    }

    /** The event as a JSON tree; built on first use for a streamed event. Null when unreadable. */
    public JsonNode json() {
        if (json == null && tree != null) {
            json = tree.get();
        }
        return json;
    }

    /** The format's fields this event gives more than once, as dotted paths (metrics.unitsProduced); usually none. */
    public List<String> repeatedFields() {
        return repeated.paths();
    }

    public String raw() {
        return raw;
    }

    public String unreadable() {
        return unreadable;
    }

    /** The event as received, for the dead-letter topic (its own text where the tree would hide a repeated field). */
    public String payload() {
        if (repeated.any() && repeated.text() != null) {
            return repeated.text();
        }
        return readable() ? json().toString() : raw;
    }
}
