package io.smecredit.ingestion.support;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A factory gateway talking MQTT to the real Mosquitto broker the service subscribes to. */
public final class MqttGateway implements AutoCloseable {

    /** The SME whose topic the test gateway account may publish to (the test broker's ACL, infra/lib/mosquitto.sh). */
    public static final String IT_SME = "it-mqtt";
    public static final String IT_TOPIC = "factories/" + IT_SME + "/telemetry";

    private final MqttClient client;
    /** PUBACKs by packet id: the client's publish future completes when the message is sent, not acknowledged. */
    private final Map<Integer, CompletableFuture<Void>> acknowledged = new ConcurrentHashMap<>();

    private MqttGateway(MqttClient client) {
        this.client = client;
        client.publishCompletionHandler(packetId -> pubAck(packetId).complete(null));
    }

    /** The test profile's gateway account bound (by the broker's ACL) to factories/it-mqtt/telemetry. */
    public static MqttGateway connectAsItGateway(Vertx vertx) throws Exception {
        return connect(vertx, "gateway-it-mqtt", "gateway-it-mqtt-secret");
    }

    public static MqttGateway connect(Vertx vertx, String username, String password) throws Exception {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("it-gateway-" + UUID.randomUUID())
                .setUsername(username)
                .setPassword(password)
                .setCleanSession(true));
        var config = ConfigProvider.getConfig();
        client.connect(config.getValue("ingestion.mqtt.port", Integer.class),
                        config.getValue("ingestion.mqtt.host", String.class))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new MqttGateway(client);
    }

    /** QoS 1: returns once the broker acknowledged the message (which it also does for messages its ACL drops). */
    public void publish(String topic, String payload) throws Exception {
        int packetId = client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            pubAck(packetId).get(10, TimeUnit.SECONDS);
        } finally {
            acknowledged.remove(packetId);
        }
    }

    private CompletableFuture<Void> pubAck(int packetId) {
        return acknowledged.computeIfAbsent(packetId, id -> new CompletableFuture<>());
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
