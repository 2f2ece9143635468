package io.smecredit.portal;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real, packaged loan-service, started as its own JVM against the test infrastructure (real PostgreSQL, Kafka
 * and Keycloak, from the environment) on a free port; the portal under test is pointed at it.
 *
 * <p>The jar is {@code loan-service/target/quarkus-app/quarkus-run.jar} of this build (the module depends on
 * loan-service for build order), or the one named by the {@code loan.app} system property; {@code loan.db.name}
 * optionally points it at another database than its default one.
 */
public class LoanServiceProcess implements QuarkusTestResourceLifecycleManager {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static volatile String baseUrl;
    private static volatile String managementUrl;
    private static volatile Process running;
    private static volatile Path logFile;

    private Process process;

    static String baseUrl() {
        return baseUrl;
    }

    static void awaitReady() {
        await("loan-service ready (log: " + logFile + ")")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .failFast("loan-service exited (log: " + logFile + ")", () -> !running.isAlive())
                .until(LoanServiceProcess::ready);
    }

    @Override
    public Map<String, String> start() {
        Path root = Path.of(System.getProperty("platform.root", ".."));
        Path jar = Path.of(System.getProperty("loan.app",
                root.resolve("loan-service/target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package loan-service before the portal's tests");
        }
        try {
            Path workDir = Path.of("target", "loan-service").toAbsolutePath();
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
            // Its own consumer group: it must not take score partitions from another loan-service under test.
            builder.environment().put("KAFKA_GROUP_ID", "loan-service-portal-test-" + UUID.randomUUID());
            // While loan-service is being developed next to the portal, its tests may own the shared 'loan' database.
            String database = System.getProperty("loan.db.name");
            if (database != null && !database.isBlank()) {
                builder.environment().put("DB_NAME", database);
            }
            running = builder.start();
            process = running;
            logFile = log;
            baseUrl = "http://127.0.0.1:" + port;
            managementUrl = "http://127.0.0.1:" + managementPort;
            // Not waited for here: the portal boots meanwhile; tests call awaitReady() before using it.
            return Map.of("quarkus.rest-client.loan.url", baseUrl);
        } catch (IOException e) {
            throw new IllegalStateException("could not start loan-service from " + jar, e);
        }
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
