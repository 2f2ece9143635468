package io.smecredit.simulator.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The load driver's HTTP/1.1 connection against the JDK's own HTTP server. */
class PlainHttpConnectionTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile String framing = "length";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/telemetry", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " " + new String(body, StandardCharsets.UTF_8)
                + " from " + exchange.getRemoteAddress().getPort());
        byte[] answer = ("{\"accepted\":" + body.length + "}").getBytes(StandardCharsets.UTF_8);
        if (framing.equals("close")) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        exchange.sendResponseHeaders(202, framing.equals("chunked") ? 0 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private URI telemetry() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/telemetry");
    }

    @Test
    void postsHeadersAndBodyAndReusesTheConnection() throws Exception {
        try (PlainHttpConnection connection = new PlainHttpConnection(telemetry())) {
            PlainHttpConnection.Answer first = connection.post("token-1", "application/json", bytes("[1,2]"));
            PlainHttpConnection.Answer second = connection.post("token-2", "application/json", bytes("[3]"));

            assertThat(first).isEqualTo(new PlainHttpConnection.Answer(202, "{\"accepted\":5}"));
            assertThat(second).isEqualTo(new PlainHttpConnection.Answer(202, "{\"accepted\":3}"));
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).startsWith("POST Bearer token-1 application/json [1,2] from ");
        assertThat(seen.get(1)).startsWith("POST Bearer token-2 application/json [3] from ");
        assertThat(port(seen.get(0))).as("one keep-alive connection").isEqualTo(port(seen.get(1)));
    }

    @Test
    void readsAChunkedAnswer() throws Exception {
        framing = "chunked";
        try (PlainHttpConnection connection = new PlainHttpConnection(telemetry())) {
            assertThat(connection.post("t", "application/json", bytes("[1]")))
                    .isEqualTo(new PlainHttpConnection.Answer(202, "{\"accepted\":3}"));
            assertThat(connection.post("t", "application/json", bytes("[12]")))
                    .isEqualTo(new PlainHttpConnection.Answer(202, "{\"accepted\":4}"));
        }
    }

    @Test
    void reconnectsAfterTheServerClosedTheConnection() throws Exception {
        framing = "close";
        try (PlainHttpConnection connection = new PlainHttpConnection(telemetry())) {
            assertThat(connection.post("t", "application/json", bytes("[1]")).status()).isEqualTo(202);
            assertThat(connection.post("t", "application/json", bytes("[2]")).status()).isEqualTo(202);
        }
        assertThat(seen).hasSize(2);
        assertThat(port(seen.get(0))).as("a new connection after Connection: close").isNotEqualTo(port(seen.get(1)));
    }

    private static String port(String line) {
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
