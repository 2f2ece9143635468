package io.smecredit.ingestion.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real single-node KRaft broker of its own, started from the Kafka jars ./platform fetched
 * (.platform/cache/kafka-&lt;version&gt;-libs, or KAFKA_LIBS), on free ports. Tests that stop and restart a broker use
 * this one, never the shared test broker other modules rely on. Only the process started here is ever stopped.
 */
public final class DedicatedKafkaBroker implements AutoCloseable {

    private final Path libs;
    private final Path dir;
    private final int port;
    private Process process;

    private DedicatedKafkaBroker(Path libs, Path dir, int port) {
        this.libs = libs;
        this.dir = dir;
        this.port = port;
    }

    public static DedicatedKafkaBroker start(Path dir) throws Exception {
        Path libs = locateLibs();
        int port = freePort();
        int controllerPort = freePort();
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        Files.writeString(dir.resolve("log4j2.yaml"), """
                Configuration:
                  Appenders:
                    Console:
                      name: STDOUT
                      PatternLayout:
                        pattern: "[%d] %p %m (%c)%n"
                  Loggers:
                    Root:
                      level: WARN
                      AppenderRef:
                        - ref: STDOUT
                """);
        DedicatedKafkaBroker broker = new DedicatedKafkaBroker(libs, dir, port);
        Process format = broker.java("kafka.tools.StorageTool", "format", "--standalone",
                "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                "-c", dir.resolve("server.properties").toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("Kafka storage format failed: see " + dir.resolve("broker.log"));
        }
        broker.startProcess();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Kills the broker as a crash would (no controlled shutdown), then waits until it is gone. */
    public void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the broker again on the same data and ports. */
    public void restart() throws Exception {
        startProcess();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void startProcess() throws Exception {
        process = java("-Xms64m", "-Xmx384m", "kafka.Kafka", dir.resolve("server.properties").toString());
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(this::answers);
    }

    private boolean answers() throws Exception {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka broker exited: see " + dir.resolve("broker.log"));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        }
    }

    private Process java(String... arguments) throws IOException {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary, "-cp", libs + "/*",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.yaml")));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                .start();
    }

    private static Path locateLibs() {
        String configured = System.getenv("KAFKA_LIBS");
        Path libs = configured != null ? Path.of(configured) : findUpwards();
        if (libs == null || !Files.isDirectory(libs)) {
            throw new IllegalStateException("Kafka jars not found: run ./platform infra up --test (it fetches them to "
                    + ".platform/cache/kafka-<version>-libs) or set KAFKA_LIBS");
        }
        return libs;
    }

    private static Path findUpwards() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path cache = at.resolve(".platform").resolve("cache");
            if (Files.isDirectory(cache)) {
                try (var entries = Files.list(cache)) {
                    return entries.filter(p -> p.getFileName().toString().matches("kafka-.*-libs"))
                            .filter(p -> Files.exists(p.resolve(".complete")))
                            .sorted().reduce((a, b) -> b).orElse(null);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
