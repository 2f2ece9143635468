package io.smecredit.ingestion.telemetry.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Retires the persistent session of an instance that will not come back under its client id (a StatefulSet scaled
 * down). The instances share the subscription, and Mosquitto keeps routing new messages to an offline member's
 * session, where they would wait forever. Retiring connects as that client id, stores every message the session
 * delivers exactly as the intake does (acknowledged once stored), unsubscribes once nothing has arrived for the quiet
 * period (so the broker routes no more messages there), lets the rest arrive and be stored, and finally deletes the
 * session by connecting once with a clean session.
 *
 * <p>Only for client ids whose instance is gone: the broker gives a client id to one connection at a time, so a live
 * instance and the retirement would take the connection from each other; the retirement then fails (the live
 * instance's session is left as it is, its messages are not lost).
 */
public final class MqttSessionRetirement {

    /** What a retirement found and did. */
    public record Outcome(String clientId, boolean sessionFound, int messagesStored) {
    }

    private static final Logger LOG = Logger.getLogger(MqttSessionRetirement.class);
    private static final long CHECK_EVERY_MS = 100;

    private final Vertx vertx;
    private final Context context;
    private final MqttTelemetryClient.Settings settings;
    private final MqttTelemetryClient.MessageHandler handler;
    private final long quietMs;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    private MqttClient client;
    private boolean unsubscribed;
    private boolean unsubscribeAcknowledged;
    private boolean finishing;
    private int handling;
    private int stored;
    private long lastActivityMs;
    private long timer = -1;

    private MqttSessionRetirement(Vertx vertx, MqttTelemetryClient.Settings departed,
                                  MqttTelemetryClient.MessageHandler handler, Duration quiet) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = departed;
        this.handler = handler;
        this.quietMs = quiet.toMillis();
    }

    /**
     * @param departed the intake's settings with the departed instance's client id
     * @param quiet    how long no message may arrive before the session is considered drained
     * @param timeout  when to give up (disconnecting; the session keeps what was not stored)
     */
    static CompletionStage<Outcome> retire(Vertx vertx, MqttTelemetryClient.Settings departed,
                                           MqttTelemetryClient.MessageHandler handler, Duration quiet, Duration timeout) {
        MqttSessionRetirement retirement = new MqttSessionRetirement(vertx, departed, handler, quiet);
        retirement.context.runOnContext(ignored -> {
            long deadline = vertx.setTimer(timeout.toMillis(), id -> retirement.fail(new IllegalStateException(
                    "the session was not drained within " + timeout.toSeconds() + " s")));
            retirement.outcome.whenComplete((outcome, failure) -> vertx.cancelTimer(deadline));
            retirement.connect();
        });
        return retirement.outcome;
    }

    private void connect() {
        client = MqttClient.create(vertx, MqttTelemetryClient.options(settings.withSession(false)));
        client.publishHandler(this::received);
        client.unsubscribeCompletionHandler(messageId -> {
            unsubscribeAcknowledged = true;
            lastActivityMs = System.currentTimeMillis();
        });
        client.closeHandler(ignored -> {
            if (!finishing) {
                fail(new IllegalStateException("the broker closed the connection of " + settings.clientId()
                        + " before its session was drained: is an instance still connected under that id?"));
            }
        });
        client.connect(settings.port(), settings.host()).onComplete(connected -> {
            if (connected.failed()) {
                fail(connected.cause());
                return;
            }
            if (!connected.result().isSessionPresent()) {
                // Connecting with a persistent session just created an empty one: delete it again.
                finishing = true;
                client.disconnect().onComplete(ignored -> deleteSession(false));
                return;
            }
            LOG.infof("Retiring the MQTT session of %s: storing what it holds", settings.clientId());
            lastActivityMs = System.currentTimeMillis();
            timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> check());
        });
    }

    private void received(MqttPublishMessage message) {
        if (outcome.isDone()) {
            return; // failed: left unacknowledged in the session
        }
        lastActivityMs = System.currentTimeMillis();
        handling++;
        MqttClient connection = client;
        CompletionStage<?> done;
        try {
            done = handler.handle(message.topicName(), message.payload().getBytes(),
                    () -> !outcome.isDone() && connection.isConnected());
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ignored, failure) -> context.runOnContext(v -> {
            handling--;
            lastActivityMs = System.currentTimeMillis();
            if (failure != null) {
                fail(new IllegalStateException("a message of " + settings.clientId() + " could not be stored ("
                        + failure.getMessage() + "); it stays in the session, retire it again later"));
                return;
            }
            if (connection.isConnected()) {
                message.ack();
                stored++;
            }
        }));
    }

    private void check() {
        if (outcome.isDone() || handling > 0 || System.currentTimeMillis() - lastActivityMs < quietMs) {
            return;
        }
        if (!unsubscribed) {
            // What the broker routed here before it took the UNSUBSCRIBE in still arrives: wait for another quiet
            // period after its acknowledgement before the session (and anything left in it) is deleted.
            unsubscribed = true;
            lastActivityMs = System.currentTimeMillis();
            client.unsubscribe(settings.topic());
            return;
        }
        if (!unsubscribeAcknowledged) {
            return;
        }
        vertx.cancelTimer(timer);
        finishing = true;
        client.disconnect().onComplete(ignored -> deleteSession(true));
    }

    /** Connecting with a clean session makes the broker drop the persistent session and anything still in it. */
    private void deleteSession(boolean found) {
        MqttClient cleaner = MqttClient.create(vertx, MqttTelemetryClient.options(settings.withSession(true)));
        cleaner.connect(settings.port(), settings.host())
                .compose(connected -> cleaner.disconnect())
                .onComplete(done -> {
                    if (done.failed()) {
                        fail(done.cause());
                        return;
                    }
                    LOG.infof("Retired the MQTT session of %s (found: %s, messages stored: %d)", settings.clientId(),
                            found, stored);
                    outcome.complete(new Outcome(settings.clientId(), found, stored));
                });
    }

    private void fail(Throwable failure) {
        if (outcome.isDone()) {
            return;
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        finishing = true;
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
        outcome.completeExceptionally(failure);
    }
}
