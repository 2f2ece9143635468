package io.smecredit.simulator.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class HttpGatewayTest {

    private static final List<TelemetryEvent> EVENTS = List.of(
            new TelemetryEvent("e-1", "sme-1001", "m-1", Instant.parse("2026-11-25T10:00:00Z"),
                    new MachineMetrics(3000, 500, 100, 1500, 30, 14.25)),
            new TelemetryEvent("e-2", "sme-1001", "m-2", Instant.parse("2026-11-25T10:00:00Z"),
                    new MachineMetrics(0, 3600, 0, 0, 0, 0.7)));

    @Test
    void jsonBodyIsAnArrayOfEventsWithIsoTimestamps() throws Exception {
        byte[] body = gateway(HttpGateway.Format.JSON, false).body(EVENTS);

        assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("[").contains("\"timestamp\":\"2026-11-25T10:00:00Z\"");
        assertThat(Json.MAPPER.readValue(body, new TypeReference<List<TelemetryEvent>>() {
        })).isEqualTo(EVENTS);
    }

    @Test
    void gzippedNdjsonBodyHasOneEventPerLine() throws Exception {
        byte[] body = gateway(HttpGateway.Format.NDJSON, true).body(EVENTS);

        String text = new String(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\n"));
        assertThat(text).endsWith("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.stream().map(line -> {
            try {
                return Json.MAPPER.readValue(line, TelemetryEvent.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList()).isEqualTo(EVENTS);
    }

    private static HttpGateway gateway(HttpGateway.Format format, boolean gzip) {
        HttpClient http = HttpClient.newHttpClient();
        return new HttpGateway(http, new TokenSource(http, "http://127.0.0.1:1", "sme-credit", "c", "s"),
                "http://127.0.0.1:1", "/api/v1/telemetry", format, gzip);
    }
}
