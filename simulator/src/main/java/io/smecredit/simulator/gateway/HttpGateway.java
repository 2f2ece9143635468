package io.smecredit.simulator.gateway;

import io.smecredit.contracts.TelemetryEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Posts telemetry batches to the ingestion service as a gateway does: a JSON array or NDJSON, optionally gzipped.
 * Thread-safe; all threads share one connection pool and one cached token.
 */
public final class HttpGateway {

    public enum Format { JSON, NDJSON }

    private final HttpClient http;
    private final TokenSource tokens;
    private final URI telemetryUri;
    private final Format format;
    private final boolean gzip;

    public HttpGateway(HttpClient http, TokenSource tokens, String ingestionUrl, String path, Format format, boolean gzip) {
        this.http = http;
        this.tokens = tokens;
        this.telemetryUri = URI.create(ingestionUrl.replaceAll("/+$", "") + path);
        this.format = format;
        this.gzip = gzip;
    }

    /** Posts one batch. Throws on anything but 202 so the caller can retry the same events (ids make it safe). */
    public IngestionAnswer post(List<TelemetryEvent> events) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(telemetryUri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.token())
                .header("Content-Type", format == Format.JSON ? "application/json" : "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(events)));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            tokens.invalidate();
        }
        if (response.statusCode() != 202) {
            throw new IOException("ingestion answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return IngestionAnswer.of(Json.MAPPER.readTree(response.body()));
    }

    byte[] body(List<TelemetryEvent> events) throws IOException {
        byte[] plain;
        if (format == Format.JSON) {
            plain = Json.MAPPER.writeValueAsBytes(events);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 260);
            for (TelemetryEvent event : events) {
                out.write(Json.MAPPER.writeValueAsBytes(event));
                out.write('\n');
            }
            plain = out.toByteArray();
        }
        return gzip ? gzip(plain) : plain;
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
