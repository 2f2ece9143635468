package io.smecredit.ingestion.telemetry.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubAckMessage;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * The service's own MQTT subscriber: it acknowledges (PUBACK) a QoS 1 message only once its handler says the message
 * is stored or definitively handled, so a message the service received but had not stored when it stopped, crashed or
 * lost the connection is redelivered by the broker from the persistent session. The SmallRye MQTT connector cannot do
 * that: its client acknowledges every message on receipt.
 *
 * <p>Concurrency: at most {@code workers} messages are being handled at once; the others wait here. How many wait is
 * bounded by the broker, which sends at most {@code max_inflight_messages} unacknowledged messages to one client
 * (MQTT 3.1.1 has no way for a subscriber to ask for fewer); this is also why the broker's window caps throughput.
 *
 * <p>Every connection attempt gets a fresh Vert.x client. A PUBACK names only a packet id, which the broker reuses once
 * a message is acknowledged; an acknowledgement for a message received on an earlier connection, sent on a later one,
 * could acknowledge a different message that was never stored. A message whose connection is gone is therefore never
 * acknowledged: the broker redelivers it and the feature engine drops the duplicate by event id.
 *
 * <p>All state is touched on one Vert.x event-loop context only; handlers complete on any thread and hop back to it.
 */
public final class MqttTelemetryClient {

    /** Handles one message; the returned stage completes when the message may be acknowledged. */
    @FunctionalInterface
    public interface MessageHandler {
        /**
         * @param acknowledgeable false once the message can no longer be acknowledged (connection lost, client
         *                        stopping): a handler retrying should give up then, the broker will send it again
         */
        CompletionStage<?> handle(String topic, byte[] payload, BooleanSupplier acknowledgeable);
    }

    public record Settings(String host, int port, String username, String password, String clientId,
                           boolean cleanSession, String topic, int workers, int maxMessageBytes,
                           Duration reconnectMin, Duration reconnectMax, Duration drainTimeout) {
        public Settings {
            Objects.requireNonNull(host);
            Objects.requireNonNull(clientId);
            Objects.requireNonNull(topic);
            if (workers < 1) {
                throw new IllegalArgumentException("MQTT workers must be at least 1");
            }
        }

        public Settings withClientId(String otherClientId) {
            return new Settings(host, port, username, password, otherClientId, cleanSession, topic, workers,
                    maxMessageBytes, reconnectMin, reconnectMax, drainTimeout);
        }

        public Settings withSession(boolean clean) {
            return new Settings(host, port, username, password, clientId, clean, topic, workers, maxMessageBytes,
                    reconnectMin, reconnectMax, drainTimeout);
        }

        public Settings withTopic(String otherTopic) {
            return new Settings(host, port, username, password, clientId, cleanSession, otherTopic, workers,
                    maxMessageBytes, reconnectMin, reconnectMax, drainTimeout);
        }

        public Settings withDrainTimeout(Duration timeout) {
            return new Settings(host, port, username, password, clientId, cleanSession, topic, workers,
                    maxMessageBytes, reconnectMin, reconnectMax, timeout);
        }
    }

    private record Delivery(MqttClient connection, MqttPublishMessage message) {
    }

    private static final Logger LOG = Logger.getLogger(MqttTelemetryClient.class);

    private final Vertx vertx;
    private final Context context;
    private final Settings settings;
    private final MessageHandler handler;

    private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
    private int handling;
    private long reconnectDelayMs;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private boolean stopRequested;

    // Read from other threads (health check, handlers asking whether their message can still be acknowledged).
    private volatile boolean running;
    private volatile MqttClient connection;
    private volatile boolean subscribed;
    private volatile int unacknowledged;

    public MqttTelemetryClient(Vertx vertx, Settings settings, MessageHandler handler) {
        this.vertx = vertx;
        // Called off the event loop this creates a context of our own, so the client's state has one owner thread.
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.handler = handler;
        this.reconnectDelayMs = settings.reconnectMin().toMillis();
    }

    public void start() {
        context.runOnContext(ignored -> {
            if (running || stopRequested) {
                return;
            }
            running = true;
            connect();
        });
    }

    /**
     * Stops taking messages, gives those being handled up to the drain timeout to be stored and acknowledged, then
     * disconnects. The session (and its subscription) stays with the broker: messages left unacknowledged — waiting,
     * still being handled, or published while the service is down — are delivered when this client id reconnects.
     */
    public CompletionStage<Void> stop() {
        context.runOnContext(ignored -> {
            if (stopRequested) {
                return;
            }
            stopRequested = true;
            running = false;
            waiting.clear();
            updateUnacknowledged();
            if (handling == 0) {
                disconnect();
            } else {
                vertx.setTimer(Math.max(1, settings.drainTimeout().toMillis()), timer -> disconnect());
            }
        });
        return stopped;
    }

    /** Connected and subscribed: messages flow. */
    public boolean isSubscribed() {
        return subscribed;
    }

    /** Received and not acknowledged yet: waiting for a worker or being handled. */
    public int unacknowledged() {
        return unacknowledged;
    }

    public Settings settings() {
        return settings;
    }

    private void connect() {
        if (!running) {
            return;
        }
        MqttClient client = MqttClient.create(vertx, options(settings));
        client.publishHandler(message -> received(client, message));
        client.subscribeCompletionHandler(ack -> subscribeAcknowledged(client, ack));
        client.closeHandler(ignored -> closed(client));
        client.exceptionHandler(e -> LOG.warnf("MQTT connection to %s:%d: %s", settings.host(), settings.port(), e.toString()));
        client.connect(settings.port(), settings.host()).onComplete(result -> {
            if (result.failed()) {
                LOG.warnf("MQTT broker %s:%d not reachable or refused %s: %s; retrying in %d ms", settings.host(),
                        settings.port(), settings.clientId(), result.cause().getMessage(), reconnectDelayMs);
                scheduleReconnect();
                return;
            }
            if (!running) {
                client.disconnect();
                return;
            }
            connection = client;
            LOG.infof("MQTT connected to %s:%d as %s (session present: %s)", settings.host(), settings.port(),
                    settings.clientId(), result.result().isSessionPresent());
            // Also with a session present: subscribing again is harmless and repairs a session the broker lost.
            client.subscribe(settings.topic(), MqttQoS.AT_LEAST_ONCE.value());
        });
    }

    /** How the intake connects: its credentials and session, and acknowledgements left to the caller. */
    static MqttClientOptions options(Settings settings) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(settings.clientId())
                .setUsername(settings.username())
                .setPassword(settings.password())
                .setCleanSession(settings.cleanSession())
                .setMaxMessageSize(settings.maxMessageBytes());
        // The point of this class: PUBACK is sent only once the handler stored the message (acknowledge() here).
        options.setAutoAck(false);
        return options;
    }

    private void subscribeAcknowledged(MqttClient client, MqttSubAckMessage ack) {
        if (client != connection) {
            return;
        }
        if (ack.grantedQoSLevels().stream().anyMatch(qos -> qos == null || qos < 0 || qos > 2)) {
            // 0x80: the broker refused the subscription (ACL). Reconnecting with back-off retries it, loudly.
            LOG.errorf("MQTT broker refused the subscription %s for %s; reconnecting", settings.topic(), settings.username());
            client.disconnect();
            return;
        }
        subscribed = true;
        reconnectDelayMs = settings.reconnectMin().toMillis();
        LOG.infof("MQTT subscribed to %s (QoS %s)", settings.topic(), ack.grantedQoSLevels());
    }

    private void received(MqttClient client, MqttPublishMessage message) {
        if (!running || client != connection) {
            // Not acknowledged: the broker sends it again to the next session of this client id.
            return;
        }
        // Messages flow, so the connection works even if the broker answers the SUBSCRIBE only after redelivering the
        // session's backlog (and a connection dropped mid-backlog should come back soon, not after a long back-off).
        reconnectDelayMs = settings.reconnectMin().toMillis();
        waiting.add(new Delivery(client, message));
        drain();
    }

    private void drain() {
        while (handling < settings.workers() && !waiting.isEmpty()) {
            Delivery delivery = waiting.poll();
            if (delivery.connection() != connection) {
                continue;
            }
            handling++;
            handle(delivery);
        }
        updateUnacknowledged();
    }

    private void handle(Delivery delivery) {
        MqttPublishMessage message = delivery.message();
        BooleanSupplier acknowledgeable = () -> running && connection == delivery.connection();
        CompletionStage<?> outcome;
        try {
            outcome = handler.handle(message.topicName(), message.payload().getBytes(), acknowledgeable);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((ignored, failure) -> context.runOnContext(v -> handled(delivery, failure)));
    }

    private void handled(Delivery delivery, Throwable failure) {
        handling--;
        if (failure == null) {
            acknowledge(delivery);
        } else {
            LOG.warnf("MQTT message on %s not handled, left unacknowledged for redelivery: %s",
                    delivery.message().topicName(), failure.toString());
        }
        if (stopRequested && handling == 0) {
            disconnect();
        } else {
            drain();
        }
    }

    private void acknowledge(Delivery delivery) {
        MqttClient client = delivery.connection();
        if (client != connection || !client.isConnected()) {
            LOG.debugf("MQTT message %d stored after its connection ended; the broker will redeliver it",
                    delivery.message().messageId());
            return;
        }
        // QoS 0 messages need no acknowledgement (ack() does nothing for them).
        delivery.message().ack();
    }

    private void closed(MqttClient client) {
        if (client != connection) {
            return;
        }
        connection = null;
        subscribed = false;
        waiting.clear();
        updateUnacknowledged();
        if (running) {
            LOG.warnf("MQTT connection to %s:%d lost; reconnecting in %d ms", settings.host(), settings.port(),
                    reconnectDelayMs);
            scheduleReconnect();
        } else {
            stopped.complete(null);
        }
    }

    private void scheduleReconnect() {
        if (!running) {
            stopped.complete(null);
            return;
        }
        long delay = reconnectDelayMs;
        reconnectDelayMs = Math.min(delay * 2, settings.reconnectMax().toMillis());
        vertx.setTimer(Math.max(1, delay), timer -> connect());
    }

    private void disconnect() {
        MqttClient client = connection;
        connection = null;
        subscribed = false;
        updateUnacknowledged();
        if (client == null || !client.isConnected()) {
            stopped.complete(null);
            return;
        }
        // DISCONNECT ends the connection but not a persistent session: the subscription and unacknowledged messages
        // stay with the broker.
        client.disconnect().onComplete(ignored -> stopped.complete(null));
    }

    private void updateUnacknowledged() {
        unacknowledged = handling + waiting.size();
    }
}
