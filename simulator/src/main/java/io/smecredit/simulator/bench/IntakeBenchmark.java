package io.smecredit.simulator.bench;

import io.smecredit.contracts.Topics;
import io.smecredit.simulator.Connections;
import io.smecredit.simulator.Options;
import io.smecredit.simulator.gateway.OperatorClient;
import io.smecredit.simulator.gateway.TokenSource;
import io.smecredit.simulator.model.Industry;
import io.smecredit.simulator.model.MachineSpec;
import io.smecredit.simulator.model.Region;
import io.smecredit.simulator.model.SmeSpec;
import io.smecredit.simulator.BatchSender;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The load driver of benchmarks/ingestion-throughput.sh (not a test): many concurrent gateways post batches over HTTP
 * for a fixed time while probe gateways measure feature freshness, then it waits until the feature engine has
 * consumed everything. Prints {@code key=value} lines for the script.
 *
 * <ul>
 *   <li>intake rate: events answered 202-accepted per second during the measured window;</li>
 *   <li>end-to-end rate: all accepted events / (first send → feature engine's consumer lag back to zero);</li>
 *   <li>freshness: a probe SME gets one event at a time; time from the 202 answer (and from the send) to the next
 *       record for that SME on sme.features.v1, read by a consumer of this driver.</li>
 * </ul>
 */
public final class IntakeBenchmark {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private IntakeBenchmark() {
    }

    public static int run(Options options) throws Exception {
        Connections connections = new Connections(options);
        int smeCount = options.integer("smes", 200);
        int machines = options.integer("machines", 10);
        int gateways = options.integer("gateways", 32);
        int batch = options.integer("batch", 500);
        int warmupSeconds = options.integer("warmup-seconds", 10);
        int seconds = options.integer("seconds", 30);
        int probes = options.integer("probe-smes", 4);
        int quietSeconds = options.integer("quiet-seconds", 15);
        int pacedSeconds = options.integer("steady-seconds", 30);
        double pacedFraction = options.decimal("steady-fraction", 0.5);
        // Ids in the demo gateway's range (sme-<digits>), far from the demo SMEs and the simulator's sme-1001 ….
        String prefix = options.string("id-prefix", "sme-");
        String streamsGroup = options.string("streams-group", "ingestion-features");
        // "plain" (default): one lean HTTP/1.1 connection per gateway; "jdk": java.net.http, as until session 5, for
        // A/B runs of the driver's own cost.
        String httpClient = options.string("http-client", "plain");
        if (!httpClient.equals("plain") && !httpClient.equals("jdk")) {
            throw new IllegalArgumentException("--http-client must be plain or jdk, got " + httpClient);
        }
        options.rejectUnknown();

        List<SmeSpec> smes = IntStream.rangeClosed(1, smeCount).mapToObj(i -> sme(prefix + (80_000 + i), i, machines)).toList();
        List<SmeSpec> probeSmes = IntStream.rangeClosed(1, probes).mapToObj(i -> sme(prefix + (89_000 + i), i, 1)).toList();
        OperatorClient operator = connections.operator();
        List<SmeSpec> all = new ArrayList<>(smes);
        all.addAll(probeSmes);
        BatchSender.register(operator, all);
        System.err.printf("registered %d load SMEs x %d machines and %d probe SMEs%n", smeCount, machines, probes);

        TokenSource tokens = new TokenSource(connections.http, connections.keycloakUrl, Connections.REALM,
                connections.gatewayClientId, connections.gatewayClientSecret);
        URI telemetry = URI.create(connections.ingestionUrl.replaceAll("/+$", "") + connections.telemetryPath);
        String runId = Long.toString(System.currentTimeMillis(), 36);

        FeatureWatcher watcher = new FeatureWatcher(connections.kafkaBootstrap,
                probeSmes.stream().map(SmeSpec::smeId).collect(Collectors.toSet()));
        watcher.start();

        Load load = new Load(connections, tokens, telemetry, smes, batch, runId, httpClient.equals("plain"));

        // Phase 1: saturation — every gateway posts as fast as it is answered.
        Freshness saturated = new Freshness();
        long loadStart = System.nanoTime();
        Phase saturation = new Phase(load, gateways, 0, probeSmes, saturated, watcher, connections, tokens, telemetry, runId + "-s");
        Thread.sleep(warmupSeconds * 1000L);
        long acceptedAtStart = load.accepted.get();
        long measureStart = System.nanoTime();
        saturated.measuring.set(true);
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(1000);
            System.err.printf("\r[bench] saturation %2d/%ds accepted %,d (%,.0f events/s)   ", s, seconds,
                    load.accepted.get() - acceptedAtStart,
                    (load.accepted.get() - acceptedAtStart) / ((System.nanoTime() - measureStart) / 1e9));
        }
        long acceptedInWindow = load.accepted.get() - acceptedAtStart;
        double window = (System.nanoTime() - measureStart) / 1e9;
        saturated.measuring.set(false);
        // The load ends when the gateways stop; probes may still be waiting (up to 30 s) for the vector of an event
        // sent during the load, and the engine drains meanwhile. Timing the drain only after they gave up counted
        // that wait as drain time (understating the end-to-end rate), so the drain is timed from the gateways' stop.
        saturation.stopGateways();
        System.err.println();
        long acceptedSaturation = load.accepted.get();
        long loadEnd = System.nanoTime();
        double drainSeconds = awaitZeroLag(connections.kafkaBootstrap, streamsGroup, Duration.ofMinutes(10));
        saturation.stop();
        double endToEndSeconds = (loadEnd - loadStart) / 1e9 + Math.max(0, drainSeconds);
        double endToEndRate = drainSeconds < 0 ? 0 : acceptedSaturation / endToEndSeconds;

        // Phase 2: a steady load the whole pipeline can sustain (a share of the end-to-end rate), with probes.
        Freshness paced = new Freshness();
        double pacedRate = Math.max(batch, endToEndRate * pacedFraction);
        if (pacedSeconds > 0 && endToEndRate > 0) {
            long acceptedBefore = load.accepted.get();
            long pacedStart = System.nanoTime();
            Phase steady = new Phase(load, gateways, pacedRate, probeSmes, paced, watcher, connections, tokens, telemetry, runId + "-p");
            paced.measuring.set(true);
            for (int s = 1; s <= pacedSeconds; s++) {
                Thread.sleep(1000);
                System.err.printf("\r[bench] steady %,.0f events/s %2d/%ds accepted %,d   ", pacedRate, s, pacedSeconds,
                        load.accepted.get() - acceptedBefore);
            }
            paced.measuring.set(false);
            steady.stop();
            pacedRate = (load.accepted.get() - acceptedBefore) / ((System.nanoTime() - pacedStart) / 1e9);
            System.err.println();
            awaitZeroLag(connections.kafkaBootstrap, streamsGroup, Duration.ofMinutes(5));
        }

        // Phase 3: quiet — probes alone, what a gateway sees on an idle platform.
        Freshness quiet = new Freshness();
        quiet.measuring.set(true);
        Phase idle = new Phase(load, 0, 0, probeSmes, quiet, watcher, connections, tokens, telemetry, runId + "-q");
        Thread.sleep(quietSeconds * 1000L);
        quiet.measuring.set(false);
        idle.stop();
        watcher.stop();

        System.out.printf("intake_events_per_s=%.0f%n", acceptedInWindow / window);
        System.out.printf("accepted_events_total=%d%n", load.accepted.get());
        System.out.printf("sent_events_total=%d%n", load.sent.get());
        System.out.printf("failed_requests=%d%n", load.failures.get());
        System.out.printf("feature_engine_drain_s=%.1f%n", drainSeconds);
        System.out.printf("e2e_events_per_s=%s%n", endToEndRate == 0 ? "n/a" : String.format("%.0f", endToEndRate));
        System.out.printf("steady_events_per_s=%.0f%n", pacedRate);
        saturated.print("freshness_load");
        paced.print("freshness_steady");
        quiet.print("freshness_quiet");
        System.out.printf("config=smes:%d machines:%d gateways:%d batch:%d warmup:%ds window:%ds steady:%ds@%.0f%%e2e probes:%d quiet:%ds http-client:%s%n",
                smeCount, machines, gateways, batch, warmupSeconds, seconds, pacedSeconds, pacedFraction * 100, probes, quietSeconds,
                httpClient);
        return 0;
    }

    /** The load gateways' shared counters and their request loop. */
    static final class Load {

        final AtomicLong accepted = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        private final Connections connections;
        private final TokenSource tokens;
        private final URI telemetry;
        private final List<SmeSpec> smes;
        private final int batch;
        private final String runId;
        private final boolean plainHttp;

        Load(Connections connections, TokenSource tokens, URI telemetry, List<SmeSpec> smes, int batch, String runId,
             boolean plainHttp) {
            this.connections = connections;
            this.tokens = tokens;
            this.telemetry = telemetry;
            this.smes = smes;
            this.batch = batch;
            this.runId = runId;
            this.plainHttp = plainHttp;
        }

        /**
         * One gateway: batches for its share of the SMEs, back to back, or — with a rate — each batch at its slot of
         * a schedule shared by all gateways ({@code slots} counts the batches claimed so far).
         */
        void run(int gateway, int gateways, double rate, AtomicLong slots, long startNanos, AtomicBoolean running, String idBase) {
            try (PlainHttpConnection plain = plainHttp ? new PlainHttpConnection(telemetry) : null) {
                run(gateway, gateways, rate, slots, startNanos, running, idBase, plain);
            }
        }

        private void run(int gateway, int gateways, double rate, AtomicLong slots, long startNanos, AtomicBoolean running,
                         String idBase, PlainHttpConnection plain) {
            long sequence = 0;
            int next = gateway;
            while (running.get()) {
                if (rate > 0) {
                    long due = startNanos + (long) (slots.getAndIncrement() * batch / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (!running.get()) {
                        return;
                    }
                }
                SmeSpec sme = smes.get(next % smes.size());
                next += gateways;
                byte[] body = bodyBytes(sme, batch, idBase + "-" + gateway + "-" + sequence);
                sequence += batch;
                try {
                    PlainHttpConnection.Answer response = plain != null
                            ? plain.post(tokens.token(), "application/json", body)
                            : postWithJdkClient(body);
                    sent.addAndGet(batch);
                    Matcher matcher = ACCEPTED.matcher(response.body());
                    if (response.status() == 202 && matcher.find()) {
                        accepted.addAndGet(Long.parseLong(matcher.group(1)));
                    } else if (failures.incrementAndGet() <= 3) {
                        System.err.println("gateway " + gateway + ": " + response.status() + " " + abbreviate(response.body()));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
        }

        private PlainHttpConnection.Answer postWithJdkClient(byte[] body) throws Exception {
            HttpResponse<String> response = connections.http.send(HttpRequest.newBuilder(telemetry)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new PlainHttpConnection.Answer(response.statusCode(), response.body());
        }
    }

    /** Gateways (unpaced when rate is 0) and probes running until {@link #stop()}. */
    static final class Phase {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final List<Thread> gateways = new ArrayList<>();

        Phase(Load load, int gateways, double rate, List<SmeSpec> probes, Freshness freshness, FeatureWatcher watcher,
              Connections connections, TokenSource tokens, URI telemetry, String idBase) {
            AtomicLong slots = new AtomicLong();
            long start = System.nanoTime();
            for (int g = 0; g < gateways; g++) {
                int gateway = g;
                Thread thread = named("gateway-" + g, () -> load.run(gateway, gateways, rate, slots, start, running, idBase));
                threads.add(thread);
                this.gateways.add(thread);
            }
            for (SmeSpec probe : probes) {
                threads.add(named("probe-" + probe.smeId(), () -> probeLoop(probe, running, freshness, connections, tokens,
                        telemetry, watcher, idBase + "-probe")));
            }
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(70_000);
            }
        }

        /** Stops everything, but waits only for the load gateways (each finishes its request in flight). */
        void stopGateways() throws InterruptedException {
            running.set(false);
            for (Thread thread : gateways) {
                thread.join(70_000);
            }
        }
    }

    /**
     * One probe gateway: one event for its own SME, then waits for that SME's next feature vector before sending the
     * next, so every vector it sees answers its own event.
     */
    private static void probeLoop(SmeSpec probe, AtomicBoolean running, Freshness freshness, Connections connections,
                                  TokenSource tokens, URI telemetry, FeatureWatcher watcher, String idBase) {
        long sequence = 0;
        while (running.get()) {
            try {
                long before = watcher.lastSeen(probe.smeId());
                // Whether this probe counts is decided when it is sent: under saturation the answer may come after the
                // measured window, and a slow answer is exactly what must not be dropped.
                boolean measured = freshness.measuring.get();
                long send = System.nanoTime();
                HttpResponse<String> response = connections.http.send(HttpRequest.newBuilder(telemetry)
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body(probe, 1, idBase + "-" + sequence++)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long acceptedAt = System.nanoTime();
                if (response.statusCode() != 202 || !response.body().contains("\"accepted\":1")) {
                    System.err.println("probe " + probe.smeId() + ": " + response.statusCode() + " " + abbreviate(response.body()));
                    Thread.sleep(1000);
                    continue;
                }
                long seen = watcher.awaitAfter(probe.smeId(), before, Duration.ofSeconds(30));
                freshness.record(measured, seen, send, acceptedAt);
                // A pause between probes, so probes measure the platform rather than load it.
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("probe " + probe.smeId() + " failed: " + e);
            }
        }
    }

    /** Freshness samples of one phase. */
    static final class Freshness {

        final AtomicBoolean measuring = new AtomicBoolean(false);
        private final List<Long> fromAccepted = new ArrayList<>();
        private final List<Long> fromSend = new ArrayList<>();
        private long timeouts;

        synchronized void record(boolean measured, long seen, long send, long acceptedAt) {
            if (!measured) {
                return;
            }
            if (seen == 0) {
                timeouts++;
            } else {
                // A vector can arrive before the 202 answer does: freshness after acceptance is then zero.
                fromAccepted.add(Math.max(0, seen - acceptedAt));
                fromSend.add(seen - send);
            }
        }

        synchronized void print(String prefix) {
            System.out.printf("%s_samples=%d%n", prefix, fromAccepted.size());
            System.out.printf("%s_timeouts=%d%n", prefix, timeouts);
            System.out.printf("%s_p50_ms=%s%n", prefix, percentileMillis(fromAccepted, 50));
            System.out.printf("%s_p95_ms=%s%n", prefix, percentileMillis(fromAccepted, 95));
            System.out.printf("%s_from_send_p50_ms=%s%n", prefix, percentileMillis(fromSend, 50));
            System.out.printf("%s_from_send_p95_ms=%s%n", prefix, percentileMillis(fromSend, 95));
        }
    }

    private static Thread named(String name, Runnable task) {
        return new Thread(task, name);
    }

    private static SmeSpec sme(String smeId, int index, int machines) {
        List<MachineSpec> machineSpecs = IntStream.rangeClosed(1, machines).mapToObj(m -> new MachineSpec("m-" + m, 100, 10)).toList();
        return new SmeSpec(smeId, "Benchmark plant " + index, Industry.values()[index % Industry.values().length],
                Region.values()[index % Region.values().length], 3, false, false, 0.7, machineSpecs);
    }

    /**
     * A batch for one SME written directly as text: the driver shares two cores with the platform, so it avoids
     * object mapping. Each event reports one second of one machine; ids are unique per run.
     */
    static String body(SmeSpec sme, int events, String idBase) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        StringBuilder json = new StringBuilder(events * 240).append('[');
        int machines = sme.machines().size();
        for (int i = 0; i < events; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"eventId\":\"").append(idBase).append('-').append(i)
                    .append("\",\"smeId\":\"").append(sme.smeId())
                    .append("\",\"machineId\":\"m-").append(i % machines + 1)
                    .append("\",\"timestamp\":\"").append(timestamp)
                    .append("\",\"metrics\":{\"runSeconds\":0.8,\"idleSeconds\":0.15,\"downSeconds\":0.05,")
                    .append("\"unitsProduced\":").append(1 + i % 3)
                    .append(",\"unitsRejected\":").append(i % 7 == 0 ? 1 : 0)
                    .append(",\"energyKwh\":0.004}}");
        }
        return json.append(']').toString();
    }

    private static final byte[] EVENT_ID = ascii("{\"eventId\":\"");
    private static final byte[] SME_ID = ascii("\",\"smeId\":\"");
    private static final byte[] MACHINE_ID = ascii("\",\"machineId\":\"m-");
    private static final byte[] TIMESTAMP = ascii("\",\"timestamp\":\"");
    private static final byte[] METRICS = ascii("\",\"metrics\":{\"runSeconds\":0.8,\"idleSeconds\":0.15,\"downSeconds\":0.05,"
            + "\"unitsProduced\":");
    private static final byte[] UNITS_REJECTED = ascii(",\"unitsRejected\":");
    private static final byte[] ENERGY = ascii(",\"energyKwh\":0.004}}");

    /**
     * Exactly the bytes of {@link #body} in UTF-8, written straight into a byte array. The driver shares the two cores
     * with the platform it measures; profiling it showed the per-request String building and its UTF-8 encoding
     * (a second copy of every 120 KB body) among its costs, which the raw producer's load tool does not have.
     */
    static byte[] bodyBytes(SmeSpec sme, int events, String idBase) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        if (!isAscii(idBase) || !isAscii(sme.smeId())) {
            return body(sme, events, idBase).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] id = ascii(idBase + "-");
        byte[] smeId = ascii(sme.smeId());
        byte[] time = ascii(timestamp);
        int machines = sme.machines().size();
        AsciiBuffer out = new AsciiBuffer(events * (id.length + smeId.length + 200) + 2);
        out.put((byte) '[');
        for (int i = 0; i < events; i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(EVENT_ID).put(id).put(i).put(SME_ID).put(smeId).put(MACHINE_ID).put(i % machines + 1)
                    .put(TIMESTAMP).put(time).put(METRICS).put(1 + i % 3).put(UNITS_REJECTED).put(i % 7 == 0 ? 1 : 0)
                    .put(ENERGY);
        }
        return out.put((byte) ']').toArray();
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A growable byte array for ASCII JSON. */
    private static final class AsciiBuffer {

        private byte[] bytes;
        private int size;

        AsciiBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        AsciiBuffer put(byte b) {
            ensure(1);
            bytes[size++] = b;
            return this;
        }

        AsciiBuffer put(byte[] text) {
            ensure(text.length);
            System.arraycopy(text, 0, bytes, size, text.length);
            size += text.length;
            return this;
        }

        /** A non-negative int in decimal. */
        AsciiBuffer put(int number) {
            int digits = number < 10 ? 1 : (int) Math.log10(number) + 1;
            ensure(digits);
            for (int i = size + digits - 1; i >= size; i--) {
                bytes[i] = (byte) ('0' + number % 10);
                number /= 10;
            }
            size += digits;
            return this;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toArray() {
            return size == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, size);
        }
    }

    /**
     * Seconds until the feature engine's committed offsets reach the end of every topic it consumes — the telemetry
     * topic and its internal repartition topics, so a later stage still catching up counts as lag; −1 on timeout.
     */
    private static double awaitZeroLag(String bootstrap, String group, Duration timeout) throws Exception {
        long start = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() - start < timeout.toNanos()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < Topics.TELEMETRY.partitions(); p++) {
                    latest.put(new TopicPartition(Topics.TELEMETRY.name(), p), OffsetSpec.latest());
                }
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                long lag = 0;
                for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    lag += Math.max(0, end.getValue().offset() - (offset == null ? 0 : offset.offset()));
                }
                // Exactly-once commits leave a transaction marker after the last record: a lag of one per partition
                // with nothing left to process is no lag.
                if (lag <= latest.size()) {
                    return (System.nanoTime() - start) / 1e9;
                }
                System.err.printf("\r[bench] feature engine lag %,d records   ", lag);
                Thread.sleep(200);
            }
        }
        System.err.println("\n[bench] the feature engine did not catch up within " + timeout.toSeconds() + " s");
        return -1;
    }

    private static String percentileMillis(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return "n/a";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return String.valueOf(Math.round(sorted[Math.max(0, index)] / 1e6));
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** Reads sme.features.v1 from its end and remembers when a record for each probe SME last arrived. */
    static final class FeatureWatcher {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Set<String> probes;
        private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        FeatureWatcher(String bootstrap, Set<String> probes) {
            this.probes = probes;
            this.consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // Long polling: the broker answers a waiting fetch as soon as a transaction commits new vectors, so
                    // a long wait costs no freshness; a 10 ms wait made this watcher poll the broker ~100 times a
                    // second, the largest CPU cost of the driver during the load (profiled), on the measured cores.
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500),
                    new StringDeserializer(), new ByteArrayDeserializer());
            this.thread = new Thread(this::poll, "feature-watcher");
        }

        void start() {
            List<TopicPartition> partitions = IntStream.range(0, Topics.FEATURES.partitions())
                    .mapToObj(p -> new TopicPartition(Topics.FEATURES.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread.setDaemon(true);
            thread.start();
        }

        private void poll() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.key() != null && probes.contains(record.key())) {
                        long now = System.nanoTime();
                        lastSeen.put(record.key(), now);
                        synchronized (this) {
                            notifyAll();
                        }
                    }
                }
            }
            consumer.close();
        }

        long lastSeen(String smeId) {
            return lastSeen.getOrDefault(smeId, 0L);
        }

        /** Waits for a record for the SME arriving after {@code after}; its arrival time, or 0 on timeout. */
        synchronized long awaitAfter(String smeId, long after, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lastSeen(smeId) <= after) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return lastSeen(smeId);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
