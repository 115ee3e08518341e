package com.translation.pipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka broker in a child JVM, for tests that must stop a broker and start it
 * again on the same port and data (an in-process broker cannot be restarted). Slower to start than
 * {@link KafkaTestBroker}; use it only for outage tests.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private Process process;

    private KafkaProcess(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Formats a fresh log directory and starts the broker. */
    public static KafkaProcess start() {
        try {
            Path home = Files.createTempDirectory("kafka-process-");
            int port = freePort();
            int controllerPort = freePort();
            Files.writeString(
                    home.resolve("server.properties"),
                    String.join(
                            "\n",
                            "process.roles=broker,controller",
                            "node.id=1",
                            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                            "listeners=PLAINTEXT://127.0.0.1:"
                                    + port
                                    + ",CONTROLLER://127.0.0.1:"
                                    + controllerPort,
                            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                            "controller.listener.names=CONTROLLER",
                            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                            "log.dirs=" + home.resolve("data"),
                            "num.partitions=3",
                            "auto.create.topics.enable=false",
                            "offsets.topic.replication.factor=1",
                            "transaction.state.log.replication.factor=1",
                            "transaction.state.log.min.isr=1",
                            "group.initial.rebalance.delay.ms=0",
                            ""));
            run(
                    home,
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                    "-c",
                    home.resolve("server.properties").toString());
            KafkaProcess kafka = new KafkaProcess(home, port);
            kafka.startAgain();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process = null;
        }
    }

    /**
     * Starts the broker again on the same port and data, and waits until it accepts connections.
     */
    public void startAgain() {
        if (process != null) {
            throw new IllegalStateException("already running");
        }
        try {
            process =
                    java(home, "kafka.Kafka", home.resolve("server.properties").toString())
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(
                                            home.resolve("broker.log").toFile()))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "Kafka did not start; see " + home.resolve("broker.log"));
            }
            sleep(200);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static void run(Path home, String mainClass, String... args) throws IOException {
        Process tool =
                java(home, mainClass, args)
                        .redirectOutput(home.resolve(mainClass + ".log").toFile())
                        .start();
        waitFor(tool);
        if (tool.exitValue() != 0) {
            throw new IllegalStateException(
                    mainClass + " failed: " + Files.readString(home.resolve(mainClass + ".log")));
        }
    }

    private static ProcessBuilder java(Path home, String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire and Failsafe put the test class path in a manifest-only jar; they also expose
        // the real one here.
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command =
                new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return builder.directory(home.toFile());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
