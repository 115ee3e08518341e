package com.translation.pipeline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running MySQL-compatible server shared by every test class of a JVM. Each test class takes its
 * own fresh database from it, so tests never see each other's rows.
 */
public interface DatabaseServer {

    /**
     * The default isolation level of the test servers: READ COMMITTED, which many production
     * servers run and under which gap locks do not exist, so the delete protocol and the writer are
     * tested without them. The local run and the reliability battery keep the servers' default,
     * REPEATABLE READ.
     */
    String ISOLATION = "READ-COMMITTED";

    AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    /** What the server is, for test names and messages: "MariaDB 11.4", "MySQL 8.0.31". */
    String displayName();

    /** A JDBC URL for the given database on this server (Connector/J syntax). */
    String jdbcUrl(String database);

    String username();

    String password();

    /** Creates a new empty database with a unique name. */
    default TestDatabase createDatabase() {
        return createDatabase("utf8mb4");
    }

    /**
     * Creates a new empty database with a unique name whose default character set is {@code
     * characterSet}, e.g. latin1 as a server with old defaults would create it.
     */
    default TestDatabase createDatabase(String characterSet) {
        String name =
                "it_" + ProcessHandle.current().pid() + "_" + DATABASE_COUNTER.incrementAndGet();
        try (Connection connection =
                        DriverManager.getConnection(jdbcUrl(""), username(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET " + characterSet);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create database " + name + " on " + displayName(), e);
        }
        return new TestDatabase(this, name);
    }
}
