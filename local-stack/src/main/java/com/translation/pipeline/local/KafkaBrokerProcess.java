package com.translation.pipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) in a child JVM, with its
 * data in a directory of the caller's: formatted once, then started, killed and started again on
 * the same port and data. Used by the local run and by the outage tests.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int port;
    private final String classPath;
    private Process process;

    private KafkaBrokerProcess(Path home, int port, String classPath) {
        this.home = home;
        this.port = port;
        this.classPath = classPath;
    }

    /**
     * Prepares a broker in {@code home} (formatting its storage the first time) listening on {@code
     * port}, its controller on {@code controllerPort}, run with {@code classPath} (which must hold
     * kafka_2.13).
     */
    public static KafkaBrokerProcess prepare(
            Path home, int port, int controllerPort, String classPath) {
        try {
            Files.createDirectories(home);
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
                            "num.partitions=6",
                            "auto.create.topics.enable=false",
                            "offsets.topic.replication.factor=1",
                            "transaction.state.log.replication.factor=1",
                            "transaction.state.log.min.isr=1",
                            "group.initial.rebalance.delay.ms=0",
                            ""));
            KafkaBrokerProcess broker = new KafkaBrokerProcess(home, port, classPath);
            if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
                broker.format();
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "Kafka did not start; see " + home.resolve("broker.log"));
            }
            sleep(200);
        }
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

    private void format() throws IOException {
        Process tool =
                java(
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                UUID.randomUUID().toString().replace("-", "").substring(0, 22),
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
                new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile());
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
