package io.smecredit.ingestion.telemetry.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON of {@link TelemetryEvent} on the telemetry topic, written and read with Jackson's streaming API instead of
 * data binding. Profiling the intake at saturation showed data binding (a serializer lookup, reflective property
 * access and a pooled buffer per record) and Instant formatting/parsing among the largest costs per event, both in
 * the intake (writing) and in the feature engine (reading).
 *
 * <p>The bytes are exactly what the service's ObjectMapper writes: the same generator, the same field order, the
 * same number and string output, and the Instant as {@link Instant#toString()} (which is what the mapper's
 * ISO-8601 setting writes). The constructor checks that against the mapper on sample events and, should the mapper
 * ever be configured differently (another field order, naming or date format), writes through the mapper instead.
 * Reading takes the plain form fast and gives anything else to the mapper, so every record the topic may hold reads
 * as before.
 */
public final class TelemetryEventJson {

    private static final SerializedString EVENT_ID = new SerializedString("eventId");
    private static final SerializedString SME_ID = new SerializedString("smeId");
    private static final SerializedString MACHINE_ID = new SerializedString("machineId");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString METRICS = new SerializedString("metrics");
    private static final SerializedString RUN_SECONDS = new SerializedString("runSeconds");
    private static final SerializedString IDLE_SECONDS = new SerializedString("idleSeconds");
    private static final SerializedString DOWN_SECONDS = new SerializedString("downSeconds");
    private static final SerializedString UNITS_PRODUCED = new SerializedString("unitsProduced");
    private static final SerializedString UNITS_REJECTED = new SerializedString("unitsRejected");
    private static final SerializedString ENERGY_KWH = new SerializedString("energyKwh");

    private final ObjectMapper mapper;
    private final JsonFactory factory;
    private final boolean streamingWriteMatchesMapper;

    public TelemetryEventJson(ObjectMapper mapper) {
        this.mapper = mapper;
        // The mapper's own settings, plus a decimal parser that yields exactly Double.parseDouble's values, faster.
        this.factory = mapper.getFactory().rebuild().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
        this.streamingWriteMatchesMapper = samples().stream().allMatch(this::writesLikeTheMapper);
    }

    /** Whether events are written with the streaming generator (false only if the mapper writes them differently). */
    public boolean streamingWrite() {
        return streamingWriteMatchesMapper;
    }

    /** One event's JSON. For many events use {@link #writeAll}, which shares one generator. */
    public byte[] write(TelemetryEvent event) {
        return writeAll(List.of(event)).get(0);
    }

    /** Each event's JSON, in order. */
    public List<byte[]> writeAll(List<TelemetryEvent> events) {
        if (!streamingWriteMatchesMapper) {
            List<byte[]> written = new ArrayList<>(events.size());
            for (TelemetryEvent event : events) {
                written.add(writeWithMapper(event));
            }
            return written;
        }
        return writeStreaming(events);
    }

    private List<byte[]> writeStreaming(List<TelemetryEvent> events) {
        List<byte[]> written = new ArrayList<>(events.size());
        Output out = new Output(256);
        InstantText timestamps = new InstantText();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            // Each event is its own document: no separator between them.
            generator.setRootValueSeparator(null);
            for (TelemetryEvent event : events) {
                out.reset();
                writeEvent(generator, event, timestamps);
                generator.flush();
                written.add(out.copy());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a telemetry event as JSON", e);
        }
        return written;
    }

    private static void writeEvent(JsonGenerator generator, TelemetryEvent event, InstantText timestamps)
            throws IOException {
        generator.writeStartObject();
        writeString(generator, EVENT_ID, event.eventId());
        writeString(generator, SME_ID, event.smeId());
        writeString(generator, MACHINE_ID, event.machineId());
        generator.writeFieldName(TIMESTAMP);
        if (event.timestamp() == null) {
            generator.writeNull();
        } else {
            generator.writeString(timestamps.of(event.timestamp()));
        }
        generator.writeFieldName(METRICS);
        MachineMetrics metrics = event.metrics();
        if (metrics == null) {
            generator.writeNull();
        } else {
            generator.writeStartObject();
            generator.writeFieldName(RUN_SECONDS);
            generator.writeNumber(metrics.runSeconds());
            generator.writeFieldName(IDLE_SECONDS);
            generator.writeNumber(metrics.idleSeconds());
            generator.writeFieldName(DOWN_SECONDS);
            generator.writeNumber(metrics.downSeconds());
            generator.writeFieldName(UNITS_PRODUCED);
            generator.writeNumber(metrics.unitsProduced());
            generator.writeFieldName(UNITS_REJECTED);
            generator.writeNumber(metrics.unitsRejected());
            generator.writeFieldName(ENERGY_KWH);
            generator.writeNumber(metrics.energyKwh());
            generator.writeEndObject();
        }
        generator.writeEndObject();
    }

    private static void writeString(JsonGenerator generator, SerializedString name, String value) throws IOException {
        generator.writeFieldName(name);
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value);
        }
    }

    private byte[] writeWithMapper(TelemetryEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a telemetry event as JSON", e);
        }
    }

    /** An event from the topic: the plain form read directly, anything else through the mapper. Null for null. */
    public TelemetryEvent read(byte[] json) {
        if (json == null) {
            return null;
        }
        TelemetryEvent plain = readPlain(json);
        if (plain != null) {
            return plain;
        }
        try {
            return mapper.readValue(json, TelemetryEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a telemetry event: " + e.getMessage(), e);
        }
    }

    /** Every field once, with the type the mapper would bind without coercion; else null. */
    private TelemetryEvent readPlain(byte[] json) {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String eventId = null;
            String smeId = null;
            String machineId = null;
            Instant timestamp = null;
            MachineMetrics metrics = null;
            int seen = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int bit;
                switch (name) {
                    case "eventId" -> {
                        bit = 1;
                        eventId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    case "smeId" -> {
                        bit = 2;
                        smeId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    case "machineId" -> {
                        bit = 4;
                        machineId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    case "timestamp" -> {
                        bit = 8;
                        timestamp = value == JsonToken.VALUE_STRING
                                ? IsoInstantParser.parseCanonical(parser.getText()) : null;
                    }
                    case "metrics" -> {
                        bit = 16;
                        metrics = value == JsonToken.START_OBJECT ? readMetrics(parser) : null;
                    }
                    default -> {
                        return null;
                    }
                }
                if ((seen & bit) != 0 || eventId == null && bit == 1 || smeId == null && bit == 2
                        || machineId == null && bit == 4 || timestamp == null && bit == 8 || metrics == null && bit == 16) {
                    return null;
                }
                seen |= bit;
            }
            if (token != JsonToken.END_OBJECT || seen != 31 || parser.nextToken() != null) {
                return null;
            }
            return new TelemetryEvent(eventId, smeId, machineId, timestamp, metrics);
        } catch (IOException | RuntimeException notPlain) {
            return null;
        }
    }

    private static MachineMetrics readMetrics(JsonParser parser) throws IOException {
        double run = 0;
        double idle = 0;
        double down = 0;
        long produced = 0;
        long rejected = 0;
        double energy = 0;
        int seen = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean number = value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT;
            boolean wholeNumber = value == JsonToken.VALUE_NUMBER_INT
                    && (parser.getNumberType() == JsonParser.NumberType.INT
                    || parser.getNumberType() == JsonParser.NumberType.LONG);
            int bit;
            switch (name) {
                case "runSeconds" -> {
                    bit = 1;
                    run = number ? parser.getDoubleValue() : Double.NaN;
                }
                case "idleSeconds" -> {
                    bit = 2;
                    idle = number ? parser.getDoubleValue() : Double.NaN;
                }
                case "downSeconds" -> {
                    bit = 4;
                    down = number ? parser.getDoubleValue() : Double.NaN;
                }
                case "unitsProduced" -> {
                    bit = 8;
                    produced = wholeNumber ? parser.getLongValue() : 0;
                }
                case "unitsRejected" -> {
                    bit = 16;
                    rejected = wholeNumber ? parser.getLongValue() : 0;
                }
                case "energyKwh" -> {
                    bit = 32;
                    energy = number ? parser.getDoubleValue() : Double.NaN;
                }
                default -> {
                    return null;
                }
            }
            boolean typed = bit == 8 || bit == 16 ? wholeNumber : number;
            if (!typed || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
        }
        return token == JsonToken.END_OBJECT && seen == 63
                ? new MachineMetrics(run, idle, down, produced, rejected, energy) : null;
    }

    private boolean writesLikeTheMapper(TelemetryEvent sample) {
        try {
            return Arrays.equals(writeWithMapper(sample), writeStreaming(List.of(sample)).get(0));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Events whose JSON exercises escaping, non-ASCII text, fractions of every length and large numbers. */
    static List<TelemetryEvent> samples() {
        return List.of(
                new TelemetryEvent("e-1", "sme-001", "m-1", Instant.parse("2025-03-01T11:00:00Z"),
                        new MachineMetrics(1800, 1200.5, 0.05, 100, 4, 12.5)),
                new TelemetryEvent("\"quoted\" \\ \u00e9\u4e2d\n\t\u0001", "sme-\u00fc", "m/2",
                        Instant.parse("2025-03-01T11:00:00.123Z"),
                        new MachineMetrics(1e-7, 3599.999999, 1.0E10, Long.MAX_VALUE, 0, 0.1 + 0.2)),
                new TelemetryEvent("e-3", "sme-3", "m-3", Instant.parse("1999-12-31T23:59:59.123456789Z"),
                        new MachineMetrics(0, -0.0, 3600, 0, 0, Double.MIN_VALUE)),
                new TelemetryEvent("e-4", "sme-4", "m-4", Instant.parse("2025-03-01T11:00:00.120400Z"),
                        new MachineMetrics(0.8, 0.15, 0.05, 1, 0, 0.004)));
    }

    /** A ByteArrayOutputStream that can hand out its current content without the synchronized toByteArray. */
    private static final class Output extends ByteArrayOutputStream {

        Output(int size) {
            super(size);
        }

        byte[] copy() {
            return Arrays.copyOf(buf, count);
        }
    }
}
