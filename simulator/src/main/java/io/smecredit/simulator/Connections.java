package io.smecredit.simulator;

import io.smecredit.simulator.gateway.HttpGateway;
import io.smecredit.simulator.gateway.OperatorClient;
import io.smecredit.simulator.gateway.TokenSource;

import java.net.http.HttpClient;
import java.time.Duration;

/** Where the platform is and how the simulator signs in, from options or the platform's environment variables. */
public final class Connections {

    public static final String REALM = "sme-credit";
    /** The ingestion service's operator-only intake for history older than the gateways' late window. */
    public static final String BACKFILL_PATH = "/api/v1/telemetry/backfill";

    public final String ingestionUrl;
    public final String keycloakUrl;
    public final String kafkaBootstrap;
    public final String gatewayClientId;
    public final String gatewayClientSecret;
    public final String operatorClientId;
    public final String operatorClientSecret;
    public final String telemetryPath;
    public final HttpGateway.Format format;
    public final boolean gzip;
    public final HttpClient http;

    public Connections(Options options) {
        ingestionUrl = options.string("ingestion-url", "INGESTION_URL", "http://127.0.0.1:8081");
        keycloakUrl = options.string("keycloak-url", "KEYCLOAK_URL", "http://127.0.0.1:8180");
        kafkaBootstrap = options.string("kafka-bootstrap", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        gatewayClientId = options.string("client-id", "GATEWAY_CLIENT_ID", "gateway-demo");
        gatewayClientSecret = options.string("client-secret", "GATEWAY_CLIENT_SECRET", gatewayClientId + "-secret");
        operatorClientId = options.string("ops-client-id", "OPS_CLIENT_ID", "ops");
        operatorClientSecret = options.string("ops-client-secret", "OPS_CLIENT_SECRET", "ops-secret");
        telemetryPath = options.string("telemetry-path", "/api/v1/telemetry");
        format = HttpGateway.Format.valueOf(options.string("format", "json").toUpperCase());
        gzip = options.flag("gzip", false);
        // Plain HTTP/1.1: the JDK client's default h2c upgrade attempt only costs a round trip on a plain port.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpGateway gateway() {
        return new HttpGateway(http, new TokenSource(http, keycloakUrl, REALM, gatewayClientId, gatewayClientSecret),
                ingestionUrl, telemetryPath, format, gzip);
    }

    /** Sends telemetry as the operator to the backfill endpoint: no late window, no SME binding. */
    public HttpGateway backfill() {
        return new HttpGateway(http, new TokenSource(http, keycloakUrl, REALM, operatorClientId, operatorClientSecret),
                ingestionUrl, BACKFILL_PATH, format, gzip);
    }

    public OperatorClient operator() {
        return new OperatorClient(http, new TokenSource(http, keycloakUrl, REALM, operatorClientId, operatorClientSecret),
                ingestionUrl);
    }
}
