package io.smecredit.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One packaged service started as its own JVM, the way it runs in production, on a free port and pointed at
 * the test infrastructure through the same environment variables operators use.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String module, Map<String, String> extraEnv) throws IOException {
        Path root = Path.of(System.getProperty("platform.root", ".."));
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services before the end-to-end tests");
        }
        Path workDir = Path.of("target", "e2e", module).toAbsolutePath();
        Files.createDirectories(workDir);
        Path log = workDir.resolve("service.log");
        int port = freePort();
        int managementPort = freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", jar.toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("KAFKA_STREAMS_STATE_DIR", workDir.resolve("kafka-streams").toString());
        builder.environment().putAll(extraEnv);
        return new ServiceProcess(module, port, managementPort, builder.start(), log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void awaitReady() {
        await(name + " ready (log: " + log + ")")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .failFast(name + " exited", () -> !process.isAlive())
                .until(this::ready);
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
