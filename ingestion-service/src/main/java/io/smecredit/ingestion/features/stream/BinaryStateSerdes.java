package io.smecredit.ingestion.features.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.ingestion.features.domain.DayBucket;
import io.smecredit.ingestion.features.domain.SmeHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;

/**
 * Compact binary serdes for the feature engine's per-event state (day buckets, SME histories). These are read and
 * written for every event; JSON cost several times the bytes and the CPU. Every value starts with a format byte;
 * values written by the earlier JSON serde start with '{' and are still read, so existing changelogs and local state
 * keep working after an upgrade.
 */
final class BinaryStateSerdes {

    private static final byte FORMAT_V1 = 1;
    private static final byte JSON_START = '{';

    private BinaryStateSerdes() {
    }

    static Serde<DayBucket> dayBuckets(ObjectMapper legacyJson) {
        return Serdes.serdeFrom((Serializer<DayBucket>) (topic, bucket) -> {
            if (bucket == null) {
                return null;
            }
            // Sorted, so equal buckets are equal bytes whatever the set's iteration order.
            String[] names = bucket.runningMachines().toArray(String[]::new);
            Arrays.sort(names);
            byte[][] machines = new byte[names.length][];
            int size = 1 + 4 + 6 * 8 + 3 * 4;
            for (int i = 0; i < names.length; i++) {
                machines[i] = names[i].getBytes(StandardCharsets.UTF_8);
                size += 4 + machines[i].length;
            }
            ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT_V1)
                    .putInt((int) bucket.day().toEpochDay())
                    .putDouble(bucket.runSeconds())
                    .putDouble(bucket.idleSeconds())
                    .putDouble(bucket.downSeconds())
                    .putLong(bucket.unitsProduced())
                    .putLong(bucket.unitsRejected())
                    .putDouble(bucket.energyKwh())
                    .putInt(bucket.events())
                    .putInt(bucket.downtimeEvents())
                    .putInt(machines.length);
            for (byte[] machine : machines) {
                out.putInt(machine.length).put(machine);
            }
            return out.array();
        }, (Deserializer<DayBucket>) (topic, bytes) -> read(bytes, legacyJson, DayBucket.class, in -> {
            LocalDate day = LocalDate.ofEpochDay(in.getInt());
            double run = in.getDouble();
            double idle = in.getDouble();
            double down = in.getDouble();
            long produced = in.getLong();
            long rejected = in.getLong();
            double energy = in.getDouble();
            int events = in.getInt();
            int downtimeEvents = in.getInt();
            String[] machines = new String[in.getInt()];
            for (int i = 0; i < machines.length; i++) {
                byte[] name = new byte[in.getInt()];
                in.get(name);
                machines[i] = new String(name, StandardCharsets.UTF_8);
            }
            // Set.of: already immutable, so DayBucket keeps it without another copy.
            return new DayBucket(day, run, idle, down, produced, rejected, energy, events, downtimeEvents,
                    Set.of(machines));
        }));
    }

    static Serde<SmeHistory> histories(ObjectMapper legacyJson) {
        return Serdes.serdeFrom((Serializer<SmeHistory>) (topic, history) -> {
            if (history == null) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(1 + 3 * 13 + 2 * 5).put(FORMAT_V1);
            writeInstant(out, history.latestEventAt());
            writeDay(out, history.firstDataDay());
            writeDay(out, history.lastOutputDay());
            writeInstant(out, history.agedTo());
            writeInstant(out, history.lastReceivedAt());
            return Arrays.copyOf(out.array(), out.position());
        }, (Deserializer<SmeHistory>) (topic, bytes) -> read(bytes, legacyJson, SmeHistory.class,
                in -> new SmeHistory(readInstant(in), readDay(in), readDay(in), readInstant(in), readInstant(in))));
    }

    private interface Reader<T> {
        T read(ByteBuffer in);
    }

    private static <T> T read(byte[] bytes, ObjectMapper legacyJson, Class<T> type, Reader<T> reader) {
        if (bytes == null) {
            return null;
        }
        try {
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return legacyJson.readValue(bytes, type);
            }
            if (bytes.length == 0 || bytes[0] != FORMAT_V1) {
                throw new SerializationException("Unknown " + type.getSimpleName() + " state format");
            }
            return reader.read(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
        } catch (IOException | BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("Unreadable " + type.getSimpleName() + " state", e);
        }
    }

    private static void writeInstant(ByteBuffer out, Instant instant) {
        out.put((byte) (instant == null ? 0 : 1));
        if (instant != null) {
            out.putLong(instant.getEpochSecond()).putInt(instant.getNano());
        }
    }

    private static Instant readInstant(ByteBuffer in) {
        return in.get() != 0 ? Instant.ofEpochSecond(in.getLong(), in.getInt()) : null;
    }

    private static void writeDay(ByteBuffer out, LocalDate day) {
        out.put((byte) (day == null ? 0 : 1));
        if (day != null) {
            out.putInt((int) day.toEpochDay());
        }
    }

    private static LocalDate readDay(ByteBuffer in) {
        return in.get() != 0 ? LocalDate.ofEpochDay(in.getInt()) : null;
    }
}
