package io.smecredit.simulator.live;

import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.simulator.BatchSender;
import io.smecredit.simulator.Connections;
import io.smecredit.simulator.Options;
import io.smecredit.simulator.Progress;
import io.smecredit.simulator.gateway.MqttGateways;
import io.smecredit.simulator.model.FactoryModel;
import io.smecredit.simulator.model.ModelParameters;
import io.smecredit.simulator.model.Population;
import io.smecredit.simulator.model.SmeSpec;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code simulate live}: streams the simulated SMEs' telemetry to the platform now, at a given rate, until stopped. */
public final class LiveCommand {

    private static final long TICK_MILLIS = 250;

    private LiveCommand() {
    }

    public static int run(Options options) throws InterruptedException {
        Connections connections = new Connections(options);
        int smeCount = options.integer("smes", 20);
        double rate = options.decimal("rate", 200);
        String via = options.string("via", "http");
        long seed = options.number("seed", 42);
        String prefix = options.string("id-prefix", Population.DEFAULT_PREFIX);
        int firstId = options.integer("first-id", Population.DEFAULT_FIRST_NUMBER);
        long durationSeconds = options.number("duration-seconds", 0);
        boolean register = options.flag("register", true);
        int concurrency = options.integer("concurrency", 8);
        int batchMax = options.integer("batch-max", 1000);
        String mqttUrl = options.string("mqtt-url", "MQTT_URL", "tcp://" + env("MQTT_HOST", "127.0.0.1") + ":" + env("MQTT_PORT", "1883"));
        String mqttUser = options.string("mqtt-username", "gateway-{sme}");
        String mqttPassword = options.string("mqtt-password", "gateway-{sme}-secret");
        options.rejectUnknown();
        if (!via.equals("http") && !via.equals("mqtt")) {
            throw new IllegalArgumentException("--via must be http or mqtt");
        }

        List<SmeSpec> smes = Population.generate(smeCount, prefix, firstId, seed, ModelParameters.defaults());
        if (register) {
            BatchSender.register(connections.operator(), smes);
            System.err.printf("registered %d SMEs (%s … %s) with %d machines in the ingestion registry%n",
                    smes.size(), smes.get(0).smeId(), smes.get(smes.size() - 1).smeId(),
                    smes.stream().mapToInt(s -> s.machines().size()).sum());
        }
        FactoryModel model = new FactoryModel(smes, seed, LocalDate.now(ZoneOffset.UTC));
        long start = System.nanoTime();
        LiveMode live = new LiveMode(model, rate, seed, Clock.systemUTC(), start);
        System.err.printf("streaming %.0f events/s via %s: %d machines, each reporting every %.2f s%n",
                rate, via, live.machineCount(), live.reportingIntervalSeconds());

        MqttGateways mqtt = via.equals("mqtt") ? new MqttGateways(mqttUrl,
                sme -> mqttUser.replace("{sme}", sme), sme -> mqttPassword.replace("{sme}", sme)) : null;
        Progress progress = new Progress("live " + via, mqtt == null, "(published, QoS 1)");
        BatchSender sender = new BatchSender(mqtt == null ? connections.gateway() : null, mqtt, progress, concurrency);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        long[] silent = new long[1];
        try {
            while (durationSeconds == 0 || System.nanoTime() - start < durationSeconds * 1_000_000_000L) {
                for (Map.Entry<String, List<TelemetryEvent>> batch : live.due(System.nanoTime(), silent).entrySet()) {
                    List<TelemetryEvent> events = batch.getValue();
                    for (int from = 0; from < events.size(); from += batchMax) {
                        sender.submit(batch.getKey(), List.copyOf(events.subList(from, Math.min(events.size(), from + batchMax))));
                    }
                }
                progress.silent.set(silent[0]);
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException stopping) {
            // Ctrl-C or ./platform stopping us: finish what was handed to the senders, then report.
            Thread.interrupted();
        } finally {
            sender.close();
            progress.close();
            stopped.countDown();
        }
        return progress.errors.get() == 0 ? 0 : 1;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
