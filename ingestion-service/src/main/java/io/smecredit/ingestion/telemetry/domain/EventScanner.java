package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads one event object from a streaming parser into {@link EventFields}, without building a JSON tree. It only
 * recognises the plain case — each known field present once, with the JSON type the validator wants; unknown fields
 * are skipped, as the tree check ignores them too. Anything else (a missing, null, repeated or wrongly typed field,
 * a number too large for a long or a double) gives null, and the event goes through the tree check, which finds and
 * names every problem.
 */
final class EventScanner {

    private static final int EVENT_ID = 1;
    private static final int SME_ID = 1 << 1;
    private static final int MACHINE_ID = 1 << 2;
    private static final int TIMESTAMP = 1 << 3;
    private static final int METRICS = 1 << 4;
    private static final int ALL_EVENT_FIELDS = (1 << 5) - 1;
    private static final int RUN = 1;
    private static final int IDLE = 1 << 1;
    private static final int DOWN = 1 << 2;
    private static final int PRODUCED = 1 << 3;
    private static final int REJECTED = 1 << 4;
    private static final int ENERGY = 1 << 5;
    private static final int ALL_METRICS = (1 << 6) - 1;

    private String eventId;
    private String smeId;
    private String machineId;
    private String timestamp;
    private double runSeconds;
    private double idleSeconds;
    private double downSeconds;
    private long unitsProduced;
    private long unitsRejected;
    private double energyKwh;
    private boolean plain = true;

    private EventScanner() {
    }

    /**
     * @param parser on the event's START_OBJECT; left on its END_OBJECT
     * @return the fields of a plain event, else null
     */
    static EventFields scan(JsonParser parser) throws IOException {
        EventScanner scanner = new EventScanner();
        int seen = scanner.readObject(parser, true);
        if (!scanner.plain || seen != ALL_EVENT_FIELDS) {
            return null;
        }
        return new EventFields(scanner.eventId, scanner.smeId, scanner.machineId, scanner.timestamp,
                scanner.runSeconds, scanner.idleSeconds, scanner.downSeconds, scanner.unitsProduced,
                scanner.unitsRejected, scanner.energyKwh);
    }

    /** The fields of the event (top) or of its metrics; returns which known fields were seen. */
    private int readObject(JsonParser parser, boolean top) throws IOException {
        int seen = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            int field = top ? eventField(parser, name, value) : metricsField(parser, name, value);
            if (field == 0) {
                parser.skipChildren();
            } else if ((seen & field) != 0) {
                // A repeated key: the tree keeps the last value; leave that subtlety to the tree check.
                plain = false;
            }
            seen |= field;
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected " + token + " in an event object");
        }
        return seen;
    }

    /** Reads a known event field (its bit) or returns 0 for a field the validator ignores. */
    private int eventField(JsonParser parser, String name, JsonToken value) throws IOException {
        switch (name) {
            case "eventId" -> eventId = text(parser, value);
            case "smeId" -> smeId = text(parser, value);
            case "machineId" -> machineId = text(parser, value);
            case "timestamp" -> timestamp = text(parser, value);
            case "metrics" -> {
                if (value == JsonToken.START_OBJECT) {
                    if (readObject(parser, false) != ALL_METRICS) {
                        plain = false;
                    }
                } else {
                    plain = false;
                    parser.skipChildren();
                }
            }
            default -> {
                return 0;
            }
        }
        return switch (name) {
            case "eventId" -> EVENT_ID;
            case "smeId" -> SME_ID;
            case "machineId" -> MACHINE_ID;
            case "timestamp" -> TIMESTAMP;
            default -> METRICS;
        };
    }

    private int metricsField(JsonParser parser, String name, JsonToken value) throws IOException {
        switch (name) {
            case "runSeconds" -> {
                runSeconds = quantity(parser, value);
                return RUN;
            }
            case "idleSeconds" -> {
                idleSeconds = quantity(parser, value);
                return IDLE;
            }
            case "downSeconds" -> {
                downSeconds = quantity(parser, value);
                return DOWN;
            }
            case "unitsProduced" -> {
                unitsProduced = count(parser, value);
                return PRODUCED;
            }
            case "unitsRejected" -> {
                unitsRejected = count(parser, value);
                return REJECTED;
            }
            case "energyKwh" -> {
                energyKwh = quantity(parser, value);
                return ENERGY;
            }
            default -> {
                return 0;
            }
        }
    }

    private String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        plain = false;
        parser.skipChildren();
        return null;
    }

    /** Any JSON number the tree would hold as an int, long or double node, as the tree's doubleValue() gives it. */
    private double quantity(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_FLOAT
                || value == JsonToken.VALUE_NUMBER_INT && isIntOrLong(parser.getNumberType())) {
            return parser.getDoubleValue();
        }
        plain = false;
        parser.skipChildren();
        return 0;
    }

    /** A whole number that fits a long (the tree check's isIntegralNumber() and canConvertToLong()). */
    private long count(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && isIntOrLong(parser.getNumberType())) {
            return parser.getLongValue();
        }
        plain = false;
        parser.skipChildren();
        return 0;
    }

    private static boolean isIntOrLong(JsonParser.NumberType type) {
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }
}
