package com.translation.pipeline.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One KRaft Kafka node (broker and controller in one) in a child JVM, with its data in a directory
 * of the caller's: formatted once, then started, killed and started again on the same port and
 * data. Alone it is the local run's and the outage tests' single broker; {@link KafkaCluster} makes
 * several of them one cluster.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** The node's logging (a class path resource of this module): Kafka's INFO, to broker.log. */
    private static final String LOG_CONFIGURATION = "kafka-broker-logback.xml";

    private final Path home;
    private final int nodeId;
    private final int port;
    private final String classPath;
    private Process process;

    private KafkaBrokerProcess(Path home, int nodeId, int port, String classPath) {
        this.home = home;
        this.nodeId = nodeId;
        this.port = port;
        this.classPath = classPath;
    }

    /**
     * Prepares a single-node cluster in {@code home} (formatting its storage the first time)
     * listening on {@code port}, its controller on {@code controllerPort}, run with {@code
     * classPath} (which must hold kafka_2.13).
     */
    public static KafkaBrokerProcess prepare(
            Path home, int port, int controllerPort, String classPath) {
        return KafkaCluster.prepare(
                        home, List.of(new KafkaCluster.Node(1, port, controllerPort)), classPath)
                .brokers()
                .get(0);
    }

    /**
     * Writes {@code serverProperties} to {@code home/server.properties} and formats the node's
     * storage with {@code clusterId} unless it was formatted before.
     *
     * @throws IllegalStateException when formatting fails
     */
    static KafkaBrokerProcess prepareNode(
            Path home,
            int nodeId,
            int port,
            List<String> serverProperties,
            String clusterId,
            String classPath) {
        try {
            Files.createDirectories(home);
            Files.writeString(
                    home.resolve("server.properties"), String.join("\n", serverProperties) + "\n");
            KafkaBrokerProcess broker = new KafkaBrokerProcess(home, nodeId, port, classPath);
            if (clusterIdOf(home).isEmpty()) {
                broker.format(clusterId);
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a node whose home is {@code home} keeps its log ({@code log.dirs}). */
    static Path dataDirectory(Path home) {
        return home.resolve("data");
    }

    /**
     * The cluster id the node in {@code home} was formatted with; empty when it never was.
     *
     * @throws UncheckedIOException when its {@code meta.properties} cannot be read
     */
    static Optional<String> clusterIdOf(Path home) {
        Path meta = dataDirectory(home).resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(meta).stream()
                    .filter(line -> line.startsWith("cluster.id="))
                    .map(line -> line.substring("cluster.id=".length()).strip())
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the node keeps its settings, log and data. */
    Path home() {
        return home;
    }

    /** The node's {@code node.id}. */
    public int nodeId() {
        return nodeId;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The operating system's id of the running broker. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("Kafka is not running");
        }
        return process.pid();
    }

    /** Starts the broker and waits until it accepts connections. */
    public synchronized void start() {
        launch();
        awaitAccepting();
    }

    /**
     * Starts the broker's JVM without waiting for it: the nodes of a cluster are launched together,
     * since a node's broker waits for a quorum of controllers before it takes connections.
     */
    synchronized void launch() {
        if (process != null) {
            throw new IllegalStateException("already running");
        }
        try {
            process =
                    java("kafka.Kafka", home.resolve("server.properties").toString())
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(
                                            home.resolve("broker.log").toFile()))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the launched broker accepts connections.
     *
     * @throws IllegalStateException when it exits or does not within 90 s
     */
    void awaitAccepting() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts(port)) {
            Process launched;
            synchronized (this) {
                launched = process;
            }
            if (launched == null || !launched.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "Kafka node "
                                + nodeId
                                + " did not start; see "
                                + home.resolve("broker.log"));
            }
            sleep(200);
        }
    }

    /** Whether the broker's JVM is running (it may be stopped by SIGSTOP). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        stop(true);
    }

    /** Stops the broker cleanly (SIGTERM), waiting for it. */
    public synchronized void stop() {
        stop(false);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Asks the broker to stop (SIGTERM) without waiting: the nodes of a cluster are asked together,
     * since the last node standing alone has no quorum to grant its controlled shutdown.
     */
    synchronized void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    private void stop(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void format(String clusterId) throws IOException {
        Process tool =
                java(
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                clusterId,
                                "-c",
                                home.resolve("server.properties").toString())
                        .redirectOutput(home.resolve("format.log").toFile())
                        .start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException(
                        "formatting Kafka storage failed: "
                                + Files.readString(home.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-Xmx512m",
                                "-Dlogback.configurationFile=" + LOG_CONFIGURATION,
                                "-cp",
                                absolute(classPath),
                                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile());
    }

    /** The class path with every entry absolute: the node runs in its own directory. */
    private static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
