package io.smecredit.simulator.gateway;

import io.smecredit.contracts.TelemetryEvent;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One MQTT connection per SME gateway, as in a real deployment: each logs in with its own username and password
 * and publishes every event (the same JSON as over HTTP) on {@code factories/{smeId}/telemetry} with QoS 1.
 * The broker's ACL decides what each gateway may publish, so MQTT gives no per-event answer: the ingestion
 * service's metrics and dead-letter topic show rejections.
 */
public final class MqttGateways implements AutoCloseable {

    private final String brokerUri;
    private final Function<String, String> usernameOfSme;
    private final Function<String, String> passwordOfSme;
    private final Map<String, MqttClient> clients = new ConcurrentHashMap<>();

    /**
     * @param usernameOfSme e.g. {@code sme -> "gateway-" + sme}, matching the users the platform adds to the broker
     */
    public MqttGateways(String brokerUri, Function<String, String> usernameOfSme, Function<String, String> passwordOfSme) {
        this.brokerUri = brokerUri;
        this.usernameOfSme = usernameOfSme;
        this.passwordOfSme = passwordOfSme;
    }

    public static String topic(String smeId) {
        return "factories/" + smeId + "/telemetry";
    }

    /** Publishes the events of one SME; blocks until the broker acknowledged each (QoS 1). */
    public void publish(String smeId, List<TelemetryEvent> events) throws IOException {
        try {
            MqttClient client = client(smeId);
            for (TelemetryEvent event : events) {
                client.publish(topic(smeId), Json.MAPPER.writeValueAsBytes(event), 1, false);
            }
        } catch (MqttException e) {
            MqttClient broken = clients.remove(smeId);
            closeQuietly(broken);
            throw new IOException("MQTT publish for " + smeId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Synchronized: two threads connecting the same gateway would use the same client id, and the broker drops the
     * older session of a client id that connects again.
     */
    private synchronized MqttClient client(String smeId) throws MqttException {
        MqttClient existing = clients.get(smeId);
        if (existing != null && existing.isConnected()) {
            return existing;
        }
        closeQuietly(existing);
        MqttClient client = new MqttClient(brokerUri, "sim-" + smeId + "-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        client.setTimeToWait(30_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(usernameOfSme.apply(smeId));
        options.setPassword(passwordOfSme.apply(smeId).toCharArray());
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        options.setConnectionTimeout(10);
        client.connect(options);
        clients.put(smeId, client);
        return client;
    }

    @Override
    public void close() {
        clients.values().forEach(MqttGateways::closeQuietly);
        clients.clear();
    }

    private static void closeQuietly(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close();
        } catch (MqttException ignored) {
            // Shutting down anyway: a broker that is already gone is not an error here.
        }
    }
}
