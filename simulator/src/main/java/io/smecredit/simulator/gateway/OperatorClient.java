package io.smecredit.simulator.gateway;

import io.smecredit.simulator.model.SmeSpec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of(
                "name", sme.name(),
                "industry", sme.industry().code(),
                "region", sme.region().code(),
                "machines", sme.machineIds()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestionUrl + "/api/v1/smes/" + sme.smeId()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.token())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IOException("registering " + sme.smeId() + " failed: " + response.statusCode() + " " + response.body());
        }
    }
}
