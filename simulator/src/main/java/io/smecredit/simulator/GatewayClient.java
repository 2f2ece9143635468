package io.smecredit.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smecredit.contracts.TelemetryEvent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Talks to the platform the way a factory gateway does: a client-credentials token from Keycloak, cached until
 * shortly before it expires, and batches of events posted to the ingestion service.
 */
public final class GatewayClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final URI telemetryUri;
    private final URI tokenUri;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant tokenRefreshAt = Instant.EPOCH;

    public GatewayClient(String ingestionUrl, String keycloakUrl, String realm, String clientId, String clientSecret) {
        this(ingestionUrl, "/api/v1/telemetry", keycloakUrl, realm, clientId, clientSecret);
    }

    /** A client for another intake path, e.g. the operator's {@code /api/v1/telemetry/backfill}. */
    public GatewayClient(String ingestionUrl, String path, String keycloakUrl, String realm, String clientId, String clientSecret) {
        this.telemetryUri = URI.create(ingestionUrl.replaceAll("/+$", "") + path);
        this.tokenUri = URI.create(keycloakUrl.replaceAll("/+$", "") + "/realms/" + realm + "/protocol/openid-connect/token");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Posts one batch; returns the service's JSON answer. Throws on anything but 202 so the caller can retry. */
    public JsonNode post(List<TelemetryEvent> events) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(telemetryUri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(events)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            tokenRefreshAt = Instant.EPOCH;
        }
        if (response.statusCode() != 202) {
            throw new IOException("ingestion answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenRefreshAt)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Keycloak refused a token for " + clientId + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        token = body.get("access_token").asText();
        // Refresh at 80 % of the lifetime so a token never expires in flight.
        tokenRefreshAt = Instant.now().plusSeconds((long) (body.get("expires_in").asLong() * 0.8));
        return token;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
