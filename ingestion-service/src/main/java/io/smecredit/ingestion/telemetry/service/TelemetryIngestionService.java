package io.smecredit.ingestion.telemetry.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.ingestion.registry.service.SmeDirectory;
import io.smecredit.ingestion.telemetry.domain.RejectedEvent;
import io.smecredit.ingestion.telemetry.domain.TelemetryBatchReader;
import io.smecredit.ingestion.telemetry.domain.TelemetryValidator;
import io.smecredit.ingestion.telemetry.domain.ValidatedBatch;
import io.smecredit.ingestion.telemetry.kafka.TelemetryPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Ingests one batch: read, validate against the registry, publish the valid events, count outcomes. */
@ApplicationScoped
public class TelemetryIngestionService {

    private static final Logger LOG = Logger.getLogger(TelemetryIngestionService.class);

    private final SmeDirectory directory;
    private final TelemetryPublisher publisher;
    private final TelemetryBatchReader reader;
    private final TelemetryValidator validator = new TelemetryValidator();
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter accepted;
    private final Counter duplicates;

    public TelemetryIngestionService(SmeDirectory directory, TelemetryPublisher publisher, ObjectMapper mapper,
                                     Clock clock, MeterRegistry meters) {
        this.directory = directory;
        this.publisher = publisher;
        this.reader = new TelemetryBatchReader(mapper);
        this.clock = clock;
        this.meters = meters;
        this.accepted = Counter.builder("ingestion.telemetry.events.accepted")
                .description("Telemetry events acknowledged by Kafka").register(meters);
        this.duplicates = Counter.builder("ingestion.telemetry.events.duplicates")
                .description("Events dropped because their id repeated one earlier in the same batch").register(meters);
    }

    public Uni<ValidatedBatch> ingest(byte[] body) {
        return directory.snapshot()
                // Parsing and validating up to 10 MB is CPU work; publishing may block on producer metadata.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(registry -> validator.validate(reader.read(body), registry, clock.instant()))
                .call(batch -> batch.accepted().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : publisher.publish(batch.accepted())
                                .onFailure().transform(TelemetryIngestionService::unavailable))
                .invoke(this::count);
    }

    private void count(ValidatedBatch batch) {
        accepted.increment(batch.accepted().size());
        duplicates.increment(batch.duplicates());
        for (RejectedEvent rejected : batch.rejected()) {
            meters.counter("ingestion.telemetry.events.rejected", "reason", rejected.primaryReason().code()).increment();
        }
    }

    private static Throwable unavailable(Throwable kafkaFailure) {
        LOG.warnf("Kafka did not acknowledge a telemetry batch: %s", kafkaFailure.toString());
        return new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                "Telemetry could not be stored durably (Kafka did not acknowledge it); nothing in this batch may be "
                        + "assumed accepted. Retry the batch: event ids make the retry safe.");
    }
}
