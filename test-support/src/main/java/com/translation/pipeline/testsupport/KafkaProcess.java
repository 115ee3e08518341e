package com.translation.pipeline.testsupport;

import com.translation.pipeline.local.KafkaBrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;

/**
 * A single-node KRaft broker in a child JVM, for tests that must kill a broker and start it again
 * on the same port and data (an in-process broker cannot be restarted): the local run's broker, on
 * free ports and a fresh directory. Slower to start than {@link KafkaTestBroker}; use it only for
 * outage tests.
 */
public final class KafkaProcess implements AutoCloseable {

    private final KafkaBrokerProcess broker;

    private KafkaProcess(KafkaBrokerProcess broker) {
        this.broker = broker;
    }

    public static KafkaProcess start() {
        try {
            // Surefire and Failsafe put the test class path in a manifest-only jar; they also
            // expose the real one here.
            String classPath =
                    System.getProperty(
                            "surefire.test.class.path", System.getProperty("java.class.path"));
            KafkaBrokerProcess broker =
                    KafkaBrokerProcess.prepare(
                            Files.createTempDirectory("kafka-process-"),
                            freePort(),
                            freePort(),
                            classPath);
            broker.start();
            return new KafkaProcess(broker);
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

    @Override
    public void close() {
        broker.kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
