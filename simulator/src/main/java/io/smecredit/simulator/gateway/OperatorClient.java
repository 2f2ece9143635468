package io.smecredit.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.simulator.model.SmeSpec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Registers simulated SMEs and their machines in the ingestion registry through the operator API. */
public final class OperatorClient {

    private final HttpClient http;
    private final TokenSource tokens;
    private final String ingestionUrl;

    public OperatorClient(HttpClient http, TokenSource tokens, String ingestionUrl) {
        this.http = http;
        this.tokens = tokens;
        this.ingestionUrl = ingestionUrl.replaceAll("/+$", "");
    }

    /** PUT /api/v1/smes/{smeId}: an upsert, so re-running a simulation is harmless. */
    public void register(SmeSpec sme) throws IOException, InterruptedException {
        register(sme.smeId(), sme.name(), sme.industry().code(), sme.region().code(), sme.machineIds());
    }

    /** PUT /api/v1/smes/{smeId}, an upsert. */
    public void register(String smeId, String name, String industry, String region, List<String> machineIds)
            throws IOException, InterruptedException {
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of(
                "name", name,
                "industry", industry,
                "region", region,
                "machines", machineIds));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestionUrl + "/api/v1/smes/" + smeId))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.token())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IOException("registering " + smeId + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** GET /api/v1/smes/{smeId}: the registration (name, industry, region, machines). */
    public JsonNode registration(String smeId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestionUrl + "/api/v1/smes/" + smeId))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.token())
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("reading the registration of " + smeId + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
