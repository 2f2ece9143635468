package io.smecredit.ingestion.telemetry.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.contracts.TelemetryDeadLetter;
import io.smecredit.ingestion.registry.service.SmeDirectory;
import io.smecredit.ingestion.telemetry.domain.BatchEntry;
import io.smecredit.ingestion.telemetry.domain.BodyDecoder;
import io.smecredit.ingestion.telemetry.domain.RejectedEvent;
import io.smecredit.ingestion.telemetry.domain.SmeScope;
import io.smecredit.ingestion.telemetry.domain.TelemetryBatchReader;
import io.smecredit.ingestion.telemetry.domain.TelemetryLimits;
import io.smecredit.ingestion.telemetry.domain.TelemetryValidator;
import io.smecredit.ingestion.telemetry.domain.ValidatedBatch;
import io.smecredit.ingestion.telemetry.domain.Violation;
import io.smecredit.ingestion.telemetry.kafka.TelemetryPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingests one batch from either channel the same way: read, validate against the registry and the sender's scope,
 * publish valid events to the telemetry topic and refused ones to the dead-letter topic, count outcomes.
 */
@ApplicationScoped
public class TelemetryIngestionService {

    private static final Logger LOG = Logger.getLogger(TelemetryIngestionService.class);
    private static final Pattern MQTT_TOPIC = Pattern.compile("factories/([^/]+)/telemetry");
    public static final String NDJSON = "application/x-ndjson";

    private final SmeDirectory directory;
    private final TelemetryPublisher publisher;
    private final TelemetryBatchReader reader;
    private final TelemetryValidator validator = new TelemetryValidator();
    private final Clock clock;
    private final MeterRegistry meters;

    public TelemetryIngestionService(SmeDirectory directory, TelemetryPublisher publisher, ObjectMapper mapper,
                                     Clock clock, MeterRegistry meters) {
        this.directory = directory;
        this.publisher = publisher;
        this.reader = new TelemetryBatchReader(mapper);
        this.clock = clock;
        this.meters = meters;
    }

    /** An HTTP body: JSON array or NDJSON, optionally gzip-compressed. A body that cannot be read at all fails whole. */
    public Uni<ValidatedBatch> ingestHttp(byte[] body, String contentType, String contentEncoding, Sender sender) {
        boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(NDJSON);
        return ingest(() -> {
            byte[] decoded = BodyDecoder.decode(body, contentEncoding, TelemetryLimits.MAX_BODY_BYTES);
            return ndjson ? reader.readNdjson(decoded) : reader.readJson(decoded, false);
        }, sender);
    }

    /**
     * One MQTT message on factories/{smeId}/telemetry: an event object or an array of them. There is nobody to answer
     * a 400 to, so an unreadable message goes to the dead-letter topic instead.
     */
    public Uni<ValidatedBatch> ingestMqtt(String topic, byte[] payload) {
        Matcher matcher = MQTT_TOPIC.matcher(topic == null ? "" : topic);
        String topicSme = matcher.matches() ? matcher.group(1) : null;
        // The subscription only matches factories/+/telemetry; a topic without an SME accepts nothing.
        SmeScope scope = SmeScope.topicOf(topicSme == null ? "" : topicSme);
        Sender sender = new Sender(Sender.MQTT, topic, scope);
        return ingest(() -> {
            try {
                return reader.readJson(payload, true);
            } catch (ProblemException unreadable) {
                String raw = payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
                return List.of(BatchEntry.unreadable(raw, unreadable.problem().detail()));
            }
        }, sender);
    }

    private Uni<ValidatedBatch> ingest(Supplier<List<BatchEntry>> read, Sender sender) {
        return directory.snapshot()
                // Decompressing, parsing and validating up to 10 MB is CPU work; publishing may block on metadata.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(registry -> validator.validate(read.get(), registry, clock.instant(), sender.scope(),
                        sender.lateWindow()))
                .call(batch -> publish(batch, sender))
                .invoke(batch -> count(batch, sender.channel()));
    }

    private Uni<Void> publish(ValidatedBatch batch, Sender sender) {
        if (batch.accepted().isEmpty() && batch.rejected().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant receivedAt = clock.instant();
        List<TelemetryDeadLetter> deadLetters = batch.rejected().stream()
                .map(rejected -> deadLetter(rejected, sender, receivedAt))
                .toList();
        return publisher.publish(batch.accepted(), deadLetters)
                .onFailure().transform(TelemetryIngestionService::unavailable);
    }

    private static TelemetryDeadLetter deadLetter(RejectedEvent rejected, Sender sender, Instant receivedAt) {
        String smeId = rejected.smeId();
        if (smeId == null && Sender.MQTT.equals(sender.channel())) {
            Matcher matcher = MQTT_TOPIC.matcher(sender.source());
            smeId = matcher.matches() ? matcher.group(1) : null;
        }
        return new TelemetryDeadLetter(smeId, rejected.eventId(), sender.channel(), sender.source(), rejected.index(),
                receivedAt, rejected.violations().stream().map(TelemetryIngestionService::rejection).toList(),
                rejected.payload());
    }

    private static TelemetryDeadLetter.Rejection rejection(Violation violation) {
        return new TelemetryDeadLetter.Rejection(violation.field(), violation.reason().code(), violation.message());
    }

    private void count(ValidatedBatch batch, String channel) {
        meters.counter("ingestion.telemetry.events.accepted", "channel", channel).increment(batch.accepted().size());
        meters.counter("ingestion.telemetry.events.duplicates", "channel", channel).increment(batch.duplicates());
        for (RejectedEvent rejected : batch.rejected()) {
            meters.counter("ingestion.telemetry.events.rejected", "channel", channel,
                    "reason", rejected.primaryReason().code()).increment();
        }
    }

    private static Throwable unavailable(Throwable kafkaFailure) {
        LOG.warnf("Kafka did not acknowledge a telemetry batch: %s", kafkaFailure.toString());
        return new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                "Telemetry could not be stored durably (Kafka did not acknowledge it); nothing in this batch may be "
                        + "assumed accepted. Retry the batch: event ids make the retry safe.");
    }
}
