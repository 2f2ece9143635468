package io.smecredit.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A client-credentials token from Keycloak, cached and shared by all threads until 80 % of its lifetime has
 * passed, so that many concurrent senders cost one token request, not one each.
 */
public final class TokenSource {

    private final HttpClient http;
    private final URI tokenUri;
    private final String form;
    private final String clientId;
    private String token;
    private Instant refreshAt = Instant.EPOCH;

    public TokenSource(HttpClient http, String keycloakUrl, String realm, String clientId, String clientSecret) {
        this.http = http;
        this.tokenUri = URI.create(keycloakUrl.replaceAll("/+$", "") + "/realms/" + realm + "/protocol/openid-connect/token");
        this.form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        this.clientId = clientId;
    }

    public synchronized String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(refreshAt)) {
            return token;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Keycloak refused a token for " + clientId + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode body = Json.MAPPER.readTree(response.body());
        token = body.get("access_token").asText();
        refreshAt = Instant.now().plusSeconds((long) (body.get("expires_in").asLong() * 0.8));
        return token;
    }

    /** Forgets the token after a 401, e.g. when Keycloak was restarted with new keys. */
    public synchronized void invalidate() {
        refreshAt = Instant.EPOCH;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
