package com.translation.pipeline.testsupport;

/** A database server of one test class's own, which the test may stop and start again. */
public interface RestartableDatabase extends DatabaseServer, AutoCloseable {

    /** Stops the server (MySQL: SIGKILL, so the restart runs crash recovery). */
    void stop();

    /** Shuts the server down cleanly, as an operator would, and waits until it has exited. */
    void shutdown();

    /** Kills the server at once (SIGKILL): the restart runs crash recovery. */
    void kill();

    /**
     * Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a network
     * partition or a stalled host. {@link #resume()} thaws it.
     */
    void pause();

    /** Thaws a server that {@link #pause()} froze (SIGCONT). */
    void resume();

    /** Starts it again on the same port and data, and waits until it accepts connections. */
    void startAgain();

    /** Stops the server for good and deletes its data; it cannot be started again. */
    @Override
    void close();
}
