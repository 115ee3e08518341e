package com.translation.pipeline.testsupport;

import com.translation.pipeline.local.KafkaBrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A single-node KRaft broker in a child JVM, for tests that must kill a broker and start it again
 * on the same port and data (an in-process broker cannot be restarted): the local run's broker, on
 * free ports and a fresh directory. Slower to start than {@link KafkaTestBroker}; use it only for
 * outage tests.
 */
public final class KafkaProcess implements AutoCloseable {

    private final KafkaBrokerProcess broker;
    private final Path directory;

    private KafkaProcess(KafkaBrokerProcess broker, Path directory) {
        this.broker = broker;
        this.directory = directory;
    }

    public static KafkaProcess start() {
        try {
            // Surefire and Failsafe put the test class path in a manifest-only jar; they also
            // expose the real one here.
            String classPath =
                    System.getProperty(
                            "surefire.test.class.path", System.getProperty("java.class.path"));
            Path directory = ScratchDirectories.create("kafka-process");
            KafkaBrokerProcess broker =
                    KafkaBrokerProcess.prepare(directory, freePort(), freePort(), classPath);
            broker.start();
            KafkaProcess process = new KafkaProcess(broker, directory);
            Runtime.getRuntime().addShutdownHook(new Thread(process::close));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public void kill() {
        broker.kill();
    }

    /** Starts the broker again on the same port and data. */
    public void startAgain() {
        broker.start();
    }

    /** Kills the broker and deletes its data; it cannot start again. */
    @Override
    public synchronized void close() {
        broker.kill();
        ScratchDirectories.delete(directory);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
