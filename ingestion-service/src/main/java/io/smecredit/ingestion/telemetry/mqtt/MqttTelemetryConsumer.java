package io.smecredit.ingestion.telemetry.mqtt;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import io.smecredit.ingestion.telemetry.service.TelemetryIngestionService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Gateways that speak MQTT publish the same event JSON (one event or an array) to factories/{smeId}/telemetry. The
 * broker's ACL already limits each gateway to its own SME's topic; here the event must also name that SME, and then
 * it takes exactly the HTTP path: same validation, same topics, same dead letters.
 *
 * <p>A message is acknowledged to the broker only after Kafka acknowledged its accepted events and its dead letters
 * (acks=all), like the HTTP 202; until then the broker keeps it in the service's persistent session and redelivers it
 * if the service stops, crashes or loses the connection (see {@link MqttTelemetryClient}). Messages are handled
 * concurrently (each waits a few ms for Kafka) and in any order: features are built from event time and event ids.
 */
@ApplicationScoped
public class MqttTelemetryConsumer {

    private static final Logger LOG = Logger.getLogger(MqttTelemetryConsumer.class);
    private static final Duration RETRY_MIN = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    /** A departed session is drained once nothing arrived for this long. */
    private static final Duration RETIREMENT_QUIET = Duration.ofSeconds(2);
    private static final Duration RETIREMENT_TIMEOUT = Duration.ofMinutes(5);

    private final TelemetryIngestionService ingestion;
    private final Vertx vertx;
    private final MqttTelemetryClient client;

    public MqttTelemetryConsumer(TelemetryIngestionService ingestion, Vertx vertx, MqttIntakeConfig config) {
        this.ingestion = ingestion;
        this.vertx = vertx;
        this.client = new MqttTelemetryClient(vertx, config.settings(), this::store);
    }

    void start(@Observes StartupEvent started) {
        client.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        // Runs before the Kafka producer is closed, so messages being stored can still finish and be acknowledged.
        Duration drain = client.settings().drainTimeout();
        try {
            client.stop().toCompletableFuture().get(drain.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("MQTT client did not stop cleanly: %s (unacknowledged messages are redelivered)", e.toString());
        }
    }

    /**
     * Stores one message: completes once Kafka has its accepted events and dead letters. While Kafka is unavailable
     * the message is retried with back-off rather than given up (there is no gateway to answer 503 to), but only as
     * long as it can still be acknowledged; afterwards the broker redelivers it anyway. Event ids make both safe.
     */
    CompletionStage<?> store(String topic, byte[] payload, BooleanSupplier acknowledgeable) {
        // Each message gets what Quarkus gives each HTTP request: its own duplicated Vert.x context, marked safe.
        // Hibernate Reactive (the SME registry's reload) refuses to run on the MQTT client's event-loop context.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<Object> stored = new CompletableFuture<>();
        // Deferred: a retry reads the registry again, and an exception thrown while building the pipeline fails it.
        context.runOnContext(ignored -> Uni.createFrom().deferred(() -> ingestion.ingestMqtt(topic, payload))
                .onFailure().invoke(e -> LOG.warnf("MQTT telemetry on %s not stored yet: %s", topic, e.getMessage()))
                .onFailure(e -> acknowledgeable.getAsBoolean()).retry().withBackOff(RETRY_MIN, RETRY_MAX).indefinitely()
                .subscribe().with(stored::complete, stored::completeExceptionally));
        return stored;
    }

    /**
     * Retires the persistent session a departed instance left at the broker (see {@link MqttSessionRetirement}):
     * its messages are stored like any other, then the session is deleted. Never this instance's own session.
     */
    public Uni<MqttSessionRetirement.Outcome> retireSession(String clientId) {
        if (clientId.equals(client.settings().clientId())) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                    "'" + clientId + "' is this instance's own MQTT client id; retire only the id of an instance that"
                            + " is gone."));
        }
        return Uni.createFrom().completionStage(() -> MqttSessionRetirement.retire(vertx,
                        client.settings().withClientId(clientId).withSession(false), this::store, RETIREMENT_QUIET,
                        RETIREMENT_TIMEOUT))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> new ProblemException(
                        ProblemType.CONFLICT, "The MQTT session of '" + clientId + "' was not retired: "
                        + e.getMessage() + ". Whatever it still holds stays at the broker; try again."));
    }

    MqttTelemetryClient client() {
        return client;
    }
}
