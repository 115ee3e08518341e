package com.translation.pipeline.testsupport;

/** A database server of one test class's own, which the test may stop and start again. */
public interface RestartableDatabase extends DatabaseServer, AutoCloseable {

    /** Stops the server (MySQL: SIGKILL, so the restart runs crash recovery). */
    void stop();

    /** Starts it again on the same port and data, and waits until it accepts connections. */
    void startAgain();

    @Override
    default void close() {
        stop();
    }
}
