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
import java.util.Map;
import java.util.Set;

/**
 * Compact binary serdes for the feature engine's per-event state (day buckets, SME histories). These are read and
 * written for every event; JSON cost several times the bytes and the CPU. Every value starts with a format byte;
 * values written by the earlier JSON serde start with '{' and are still read, so existing changelogs and local state
 * keep working after an upgrade. Day buckets are written in format 2 and read in formats 1 and 2 and JSON.
 */
final class BinaryStateSerdes {

    private static final byte FORMAT_V1 = 1;
    /** Day buckets since downtime frequency became machine-hours: each machine's hours with down time. */
    private static final byte BUCKET_FORMAT_V2 = 2;
    private static final byte JSON_START = '{';

    private BinaryStateSerdes() {
    }

    static Serde<DayBucket> dayBuckets(ObjectMapper legacyJson) {
        return Serdes.serdeFrom((Serializer<DayBucket>) (topic, bucket) -> {
            if (bucket == null) {
                return null;
            }
            // Sorted, so equal buckets are equal bytes whatever the set's or map's iteration order.
            String[] names = bucket.runningMachines().toArray(String[]::new);
            Arrays.sort(names);
            String[] downMachines = bucket.downtimeHours().keySet().toArray(String[]::new);
            Arrays.sort(downMachines);
            byte[][] machines = utf8(names);
            byte[][] down = utf8(downMachines);
            int size = 1 + 4 + 6 * 8 + 4 * 4;
            for (byte[] machine : machines) {
                size += 4 + machine.length;
            }
            for (byte[] machine : down) {
                size += 4 + machine.length + 4;
            }
            ByteBuffer out = ByteBuffer.allocate(size).put(BUCKET_FORMAT_V2)
                    .putInt((int) bucket.day().toEpochDay())
                    .putDouble(bucket.runSeconds())
                    .putDouble(bucket.idleSeconds())
                    .putDouble(bucket.downSeconds())
                    .putLong(bucket.unitsProduced())
                    .putLong(bucket.unitsRejected())
                    .putDouble(bucket.energyKwh())
                    .putInt(bucket.events())
                    .putInt(bucket.estimatedDowntimeMachineHours())
                    .putInt(machines.length);
            for (byte[] machine : machines) {
                out.putInt(machine.length).put(machine);
            }
            out.putInt(down.length);
            for (int i = 0; i < down.length; i++) {
                out.putInt(down[i].length).put(down[i]).putInt(bucket.downtimeHours().get(downMachines[i]));
            }
            return out.array();
        }, (Deserializer<DayBucket>) (topic, bytes) -> readBucket(bytes, legacyJson));
    }

    /**
     * Reads every bucket format ever written: JSON and format 1 counted events with down time, which are turned into
     * an estimate of machine-hours ({@link DayBucket#fromEventCounts}); format 2 keeps each machine's hours.
     */
    private static DayBucket readBucket(byte[] bytes, ObjectMapper legacyJson) {
        if (bytes == null) {
            return null;
        }
        try {
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return legacyJson.readValue(bytes, JsonBucket.class).toBucket();
            }
            if (bytes.length == 0 || (bytes[0] != FORMAT_V1 && bytes[0] != BUCKET_FORMAT_V2)) {
                throw new SerializationException("Unknown DayBucket state format");
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            LocalDate day = LocalDate.ofEpochDay(in.getInt());
            double run = in.getDouble();
            double idle = in.getDouble();
            double down = in.getDouble();
            long produced = in.getLong();
            long rejected = in.getLong();
            double energy = in.getDouble();
            int events = in.getInt();
            if (bytes[0] == FORMAT_V1) {
                int downtimeEvents = in.getInt();
                return DayBucket.fromEventCounts(day, run, idle, down, produced, rejected, energy, events,
                        downtimeEvents, Set.of(readNames(in)));
            }
            int estimatedDowntimeMachineHours = in.getInt();
            // Set.of, Map.ofEntries: already immutable, so DayBucket keeps them without another copy.
            Set<String> machines = Set.of(readNames(in));
            @SuppressWarnings("unchecked")
            Map.Entry<String, Integer>[] downtimeHours = new Map.Entry[in.getInt()];
            for (int i = 0; i < downtimeHours.length; i++) {
                downtimeHours[i] = Map.entry(readName(in), in.getInt());
            }
            return new DayBucket(day, run, idle, down, produced, rejected, energy, events,
                    Map.ofEntries(downtimeHours), estimatedDowntimeMachineHours, machines);
        } catch (IOException | BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("Unreadable DayBucket state", e);
        }
    }

    /** The day bucket as the earlier JSON serde wrote it. */
    record JsonBucket(LocalDate day, double runSeconds, double idleSeconds, double downSeconds,
                      long unitsProduced, long unitsRejected, double energyKwh, int events,
                      int downtimeEvents, Set<String> runningMachines) {
        DayBucket toBucket() {
            return DayBucket.fromEventCounts(day, runSeconds, idleSeconds, downSeconds, unitsProduced, unitsRejected,
                    energyKwh, events, downtimeEvents, runningMachines);
        }
    }

    private static byte[][] utf8(String[] names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private static String[] readNames(ByteBuffer in) {
        String[] names = new String[in.getInt()];
        for (int i = 0; i < names.length; i++) {
            names[i] = readName(in);
        }
        return names;
    }

    private static String readName(ByteBuffer in) {
        byte[] name = new byte[in.getInt()];
        in.get(name);
        return new String(name, StandardCharsets.UTF_8);
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
