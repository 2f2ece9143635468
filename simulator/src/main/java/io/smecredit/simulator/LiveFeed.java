package io.smecredit.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.simulator.gateway.OperatorClient;
import io.smecredit.simulator.gateway.TokenSource;
import io.smecredit.contracts.TelemetryEvent;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo telemetry feed: every interval, one event per machine of each demo SME, posted like a gateway would, the
 * SMEs spread evenly over the interval.
 * A batch that fails is retried with the same event ids, which the platform treats as duplicates, not new data.
 *
 * <p>Options (all optional): --ingestion-url, --keycloak-url, --client-id, --client-secret, --smes N,
 * --machines N, --interval-seconds S, --seed N, --batches N (stop after N batches; default: run until stopped),
 * --history-days N (first seed N days of hourly history through the operator's backfill endpoint, as
 * --operator-client-id / --operator-client-secret, default the demo realm's dev-only {@code ops} client; default 0),
 * so a freshly started demo has months of production behind its features instead of minutes, --state-file PATH
 * (where the feed records up to when its telemetry covers; a restarted feed seeds only the whole hours after that,
 * so hours already sent, live or seeded, are never sent again as other events), --peers N (0–9, default 0: first
 * register N peers of each demo SME in its industry × region through the operator's registry API, and feed them too,
 * so the demo SMEs' cohorts are big enough for peer comparisons; see {@link SmeProfile#peers}).
 */
public final class LiveFeed {

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        String ingestionUrl = options.getOrDefault("ingestion-url", env("INGESTION_URL", "http://127.0.0.1:8081"));
        String keycloakUrl = options.getOrDefault("keycloak-url", env("KEYCLOAK_URL", "http://127.0.0.1:8180"));
        GatewayClient gateway = new GatewayClient(ingestionUrl, keycloakUrl, "sme-credit",
                options.getOrDefault("client-id", env("GATEWAY_CLIENT_ID", "gateway-demo")),
                options.getOrDefault("client-secret", env("GATEWAY_CLIENT_SECRET", "gateway-demo-secret")));
        int smes = Integer.parseInt(options.getOrDefault("smes", "5"));
        int machines = Integer.parseInt(options.getOrDefault("machines", "3"));
        Duration interval = Duration.ofSeconds(Long.parseLong(options.getOrDefault("interval-seconds", "5")));
        long batches = Long.parseLong(options.getOrDefault("batches", String.valueOf(Long.MAX_VALUE)));
        List<SmeProfile> demo = SmeProfile.demo(smes, machines);
        int peersPerSme = Integer.parseInt(options.getOrDefault("peers", "0"));
        Map<SmeProfile, List<SmeProfile>> peersByDemoSme = new java.util.LinkedHashMap<>();
        demo.forEach(sme -> peersByDemoSme.put(sme, sme.peers(peersPerSme)));
        List<SmeProfile> peers = peersByDemoSme.values().stream().flatMap(List::stream).toList();
        String operatorId = options.getOrDefault("operator-client-id", env("OPERATOR_CLIENT_ID", "ops"));
        String operatorSecret = options.getOrDefault("operator-client-secret", env("OPERATOR_CLIENT_SECRET", "ops-secret"));
        if (!peers.isEmpty()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            registerPeers(new OperatorClient(http, new TokenSource(http, keycloakUrl, "sme-credit", operatorId, operatorSecret),
                    ingestionUrl), peersByDemoSme);
        }
        List<SmeProfile> fed = java.util.stream.Stream.concat(demo.stream(), peers.stream()).toList();
        DemoFactory factory = new DemoFactory(fed, Long.parseLong(options.getOrDefault("seed", "42")));

        int historyDays = Integer.parseInt(options.getOrDefault("history-days", "0"));
        Coverage coverage = new Coverage(options.containsKey("state-file") ? Path.of(options.get("state-file")) : null);
        if (historyDays > 0) {
            GatewayClient operator = new GatewayClient(ingestionUrl, "/api/v1/telemetry/backfill", keycloakUrl, "sme-credit",
                    operatorId, operatorSecret);
            Instant now = Instant.now();
            Instant from = coverage.historyStart(now, historyDays);
            long seeded = 0;
            for (List<TelemetryEvent> day : factory.hourlyHistory(from, now)) {
                seeded += postWithRetry(operator, day);
                coverage.coveredUntil(day.get(day.size() - 1).timestamp());
            }
            System.out.printf("%s seeded hourly history from %s: %d events accepted%n", Instant.now(), from, seeded);
        }
        System.out.printf("demo feed: %d SMEs (%d demo, %d peers) x %d machines every %ds -> %s%n", fed.size(), smes,
                peers.size(), machines, interval.toSeconds(), ingestionUrl);
        long accepted = 0;
        List<SmeProfile> feedOrder = factory.smes();
        long slotNanos = interval.toNanos() / Math.max(1, feedOrder.size());
        long nextSlot = System.nanoTime();
        for (long batch = 0; batch < batches; batch++) {
            // Each SME reports at its own moment of the interval, as independent gateways would: one burst of every
            // SME at once would make the whole pipeline (features, scoring, read models) spike together every
            // interval, on the same cores as whatever else runs next to the demo.
            int sent = 0;
            Instant last = null;
            for (SmeProfile sme : feedOrder) {
                long wait = nextSlot - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                // Behind schedule (a slow or retried post), carry on from now rather than catch up in a burst.
                nextSlot = Math.max(nextSlot + slotNanos, System.nanoTime());
                last = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                List<TelemetryEvent> events = factory.interval(sme, last, interval);
                accepted += postWithRetry(gateway, events);
                sent += events.size();
            }
            coverage.coveredUntil(last == null ? Instant.now() : last);
            System.out.printf("%s interval %d: %d events, %d accepted in total%n", Instant.now(), batch + 1, sent, accepted);
        }
    }

    /** Registers each peer in its demo SME's cohort (an upsert, so a restarted feed changes nothing). */
    private static void registerPeers(OperatorClient registry, Map<SmeProfile, List<SmeProfile>> peersByDemoSme)
            throws InterruptedException {
        long backoffMillis = 1_000;
        while (true) {
            try {
                int registered = 0;
                for (Map.Entry<SmeProfile, List<SmeProfile>> entry : peersByDemoSme.entrySet()) {
                    JsonNode demoSme = registry.registration(entry.getKey().smeId());
                    for (SmeProfile peer : entry.getValue()) {
                        registry.register(peer.smeId(), "Peer of " + demoSme.path("name").asText() + " (" + peer.smeId() + ")",
                                demoSme.path("industry").asText(), demoSme.path("region").asText(), peer.machineIds());
                        registered++;
                    }
                }
                System.out.printf("%s registered %d peers of the demo SMEs in their cohorts%n", Instant.now(), registered);
                return;
            } catch (java.io.IOException e) {
                System.out.println("registering the demo peers failed, retrying in " + backoffMillis + " ms: " + e.getMessage());
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    private static long postWithRetry(GatewayClient gateway, List<TelemetryEvent> events) throws InterruptedException {
        long backoffMillis = 1_000;
        while (true) {
            try {
                JsonNode answer = gateway.post(events);
                if (answer.path("rejected").asInt() > 0) {
                    System.out.println("some events were rejected: " + answer.path("errors"));
                }
                return answer.path("accepted").asLong();
            } catch (java.io.IOException e) {
                System.out.println("post failed, retrying in " + backoffMillis + " ms: " + e.getMessage());
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
