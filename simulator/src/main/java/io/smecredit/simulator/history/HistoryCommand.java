package io.smecredit.simulator.history;

import io.smecredit.contracts.OutcomeEvent;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.simulator.BatchSender;
import io.smecredit.simulator.Connections;
import io.smecredit.simulator.Options;
import io.smecredit.simulator.Progress;
import io.smecredit.simulator.gateway.Json;
import io.smecredit.simulator.gateway.OutcomePublisher;
import io.smecredit.simulator.model.FactoryModel;
import io.smecredit.simulator.model.ModelParameters;
import io.smecredit.simulator.model.Population;
import io.smecredit.simulator.model.SimulatedDay;
import io.smecredit.simulator.model.SmeDay;
import io.smecredit.simulator.model.SmeSpec;
import io.smecredit.simulator.model.TelemetryEvents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * {@code simulate history}: simulates N past days up to now, sends their telemetry through the real intake with the
 * original (past) timestamps, and writes who defaulted when.
 *
 * <p>Files in {@code --out}: {@code smes.csv} (the population and its outcome), {@code defaults.csv}
 * ({@code smeId,defaultDate}), {@code outcomes.ndjson} (the same as {@link OutcomeEvent}s), {@code health.csv} (the
 * latent daily health — never observable by the platform, for judging the model only) and with
 * {@code --write-events} the telemetry as {@code telemetry/YYYY-MM-DD.ndjson.gz}.
 */
public final class HistoryCommand {

    private HistoryCommand() {
    }

    public static int run(Options options) throws Exception {
        Connections connections = new Connections(options);
        int days = options.integer("days", 180);
        int smeCount = options.integer("smes", 50);
        long seed = options.number("seed", 42);
        String prefix = options.string("id-prefix", Population.DEFAULT_PREFIX);
        int firstId = options.integer("first-id", Population.DEFAULT_FIRST_NUMBER);
        // History goes through the operator's backfill endpoint (no late window) unless told to act as a gateway, whose
        // events the intake refuses beyond its 7-day late window; 0 sends everything.
        boolean backfill = options.flag("backfill", true);
        int maxLatenessDays = options.integer("max-lateness-days", backfill ? 0 : 7);
        Path out = Path.of(options.string("out", "simulation-" + seed));
        String via = options.string("via", "http");
        boolean register = options.flag("register", via.equals("http"));
        boolean publishOutcomes = options.flag("publish-outcomes", false);
        boolean writeEvents = options.flag("write-events", false);
        int batchSize = options.integer("batch-size", 5000);
        int concurrency = options.integer("concurrency", 4);
        ModelParameters parameters = ModelParameters.defaults()
                .withBaseDailyHazard(options.decimal("default-hazard", ModelParameters.defaults().baseDailyHazard()));
        options.rejectUnknown();
        if (!via.equals("http") && !via.equals("none")) {
            throw new IllegalArgumentException("--via must be http or none (history is sent over HTTP in large batches)");
        }
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1");
        }

        Files.createDirectories(out);
        Instant now = Instant.now();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate firstDay = today.minusDays(days);
        List<SmeSpec> smes = Population.generate(smeCount, prefix, firstId, seed, parameters);
        if (register) {
            BatchSender.register(connections.operator(), smes);
            System.err.printf("registered %d SMEs in the ingestion registry%n", smes.size());
        }
        FactoryModel model = new FactoryModel(smes, seed, firstDay, parameters, true);
        Map<String, LocalDate> defaults = new LinkedHashMap<>();
        long generated = 0;
        long notSent = 0;
        System.err.printf("simulating %d SMEs from %s to now (%d days)%s%n", smes.size(), firstDay, days + 1,
                via.equals("http") ? ", sending to " + connections.ingestionUrl
                        + (backfill ? Connections.BACKFILL_PATH + " as " + connections.operatorClientId
                        : connections.telemetryPath) : "");
        Progress progress = new Progress("history", via.equals("http"), "(generated, not sent)");
        try (BatchSender sender = via.equals("http") ? new BatchSender(backfill ? connections.backfill() : connections.gateway(), null, progress, concurrency) : null;
             BufferedWriter health = Files.newBufferedWriter(out.resolve("health.csv"))) {
            health.write("date,smeId,health\n");
            while (!model.nextDate().isAfter(today)) {
                SimulatedDay day = model.nextDay();
                List<TelemetryEvent> events = new ArrayList<>();
                for (SmeDay sme : day.smes()) {
                    health.write(day.date() + "," + sme.sme().smeId() + "," + String.format("%.4f", sme.health()) + "\n");
                    if (sme.defaultedToday()) {
                        defaults.put(sme.sme().smeId(), day.date());
                    }
                    for (TelemetryEvent event : TelemetryEvents.hourly(sme)) {
                        if (!event.timestamp().isAfter(now)) {
                            events.add(event);
                        }
                    }
                }
                events.sort(Comparator.comparing(TelemetryEvent::timestamp));
                generated += events.size();
                if (writeEvents) {
                    writeEvents(out.resolve("telemetry").resolve(day.date() + ".ndjson.gz"), events);
                }
                List<TelemetryEvent> toSend = events;
                if (maxLatenessDays > 0) {
                    // A margin of an hour so an event does not turn too late while its batch is in flight.
                    Instant oldestAccepted = now.minus(Duration.ofDays(maxLatenessDays)).plus(Duration.ofHours(1));
                    toSend = events.stream().filter(e -> e.timestamp().isAfter(oldestAccepted)).toList();
                    notSent += events.size() - toSend.size();
                }
                if (sender != null) {
                    for (int from = 0; from < toSend.size(); from += batchSize) {
                        sender.submit("batch", List.copyOf(toSend.subList(from, Math.min(toSend.size(), from + batchSize))));
                    }
                    // One day at a time: the feature engine sees event time move forward, as it would have live.
                    sender.awaitSent();
                } else {
                    progress.sent.addAndGet(events.size());
                }
            }
        } finally {
            progress.close();
        }

        List<OutcomeEvent> outcomes = Outcomes.of(smes, defaults, firstDay, seed);
        writeLabels(out, smes, defaults, firstDay, today);
        try (OutputStream file = Files.newOutputStream(out.resolve("outcomes.ndjson"))) {
            for (OutcomeEvent outcome : outcomes) {
                file.write(Json.MAPPER.writeValueAsBytes(outcome));
                file.write('\n');
            }
        }
        if (publishOutcomes) {
            new OutcomePublisher(connections.kafkaBootstrap).publish(outcomes);
            System.err.printf("published %d outcome events to credit.outcomes.v1 at %s%n", outcomes.size(), connections.kafkaBootstrap);
        }
        double smeYears = smes.size() * (days + 1) / 365.0;
        System.out.printf("history: %d SMEs, %s … %s, %,d events generated; %d defaults (%.1f %% per SME-year); labels in %s%n",
                smes.size(), firstDay, today, generated, defaults.size(), 100 * defaults.size() / smeYears, out.toAbsolutePath());
        if (sender(via) && notSent > 0) {
            System.out.printf("note: %,d events older than %d days were not sent: the intake refuses events beyond its late"
                    + " window; --write-events keeps them, and docs/simulator.md explains backfilling longer histories%n",
                    notSent, maxLatenessDays);
        }
        Long late = progress.rejectedByCode.containsKey("too_late") ? progress.rejectedByCode.get("too_late").get() : 0L;
        if (late > 0) {
            System.out.printf("note: %,d events were refused as too late: the intake accepts events up to its lateness window"
                    + " (7 days); see docs/simulator.md for backfilling longer histories%n", late);
        }
        return progress.errors.get() == 0 ? 0 : 1;
    }

    private static boolean sender(String via) {
        return via.equals("http");
    }

    private static void writeLabels(Path out, List<SmeSpec> smes, Map<String, LocalDate> defaults, LocalDate firstDay,
                                    LocalDate lastDay) throws IOException {
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("defaults.csv"))) {
            csv.write("smeId,defaultDate\n");
            for (Map.Entry<String, LocalDate> entry : defaults.entrySet()) {
                csv.write(entry.getKey() + "," + entry.getValue() + "\n");
            }
        }
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("smes.csv"))) {
            csv.write("smeId,name,industry,region,shifts,worksSaturdays,summerShutdown,machines,longRunHealth,"
                    + "observedFrom,observedTo,defaulted,defaultDate\n");
            for (SmeSpec sme : smes) {
                LocalDate defaultDate = defaults.get(sme.smeId());
                csv.write(String.join(",", sme.smeId(), sme.name(), sme.industry().code(), sme.region().code(),
                        String.valueOf(sme.shifts()), String.valueOf(sme.worksSaturdays()),
                        String.valueOf(sme.summerShutdown()), String.valueOf(sme.machines().size()),
                        String.format("%.3f", sme.longRunHealth()), firstDay.toString(), lastDay.toString(),
                        String.valueOf(defaultDate != null), defaultDate == null ? "" : defaultDate.toString()) + "\n");
            }
        }
    }

    private static void writeEvents(Path file, List<TelemetryEvent> events) throws IOException {
        Files.createDirectories(file.getParent());
        try (var writer = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            for (TelemetryEvent event : events) {
                writer.write(Json.MAPPER.writeValueAsString(event));
                writer.write('\n');
            }
        }
    }
}
