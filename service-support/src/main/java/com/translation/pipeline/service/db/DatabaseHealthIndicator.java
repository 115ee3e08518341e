package com.translation.pipeline.service.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code db} component of {@code /health}, answered within a bound: UP when the database
 * validates the check's connection (JDBC's {@code isValid}) within {@code timeout}, DOWN otherwise.
 * Boot's own indicator waits as long as the database does, so a database that stops answering (a
 * network partition, a paused server) held {@code /health} for as long.
 *
 * <p>The check has a connection of its own, outside the service's pool, kept between checks and
 * opened again when it is no longer valid: it asks whether the database answers, not whether the
 * pool has a connection free. Through the pool, 200 clients reading the largest task at once made
 * {@code /health} wait behind them for a connection and answer DOWN (503) while the database
 * answered at once ({@code PipelineLimitsIT}).
 *
 * <p>The check runs on its own thread; calls that come while one is in progress wait for that one
 * rather than start another, so a hung database holds one connection, not one per call.
 */
class DatabaseHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    /** Opens a new connection to the database, outside any pool. */
    @FunctionalInterface
    interface Connector {

        /**
         * @throws SQLException when the database cannot be reached or refuses the login
         */
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final Duration timeout;
    private final ExecutorService checker =
            Executors.newSingleThreadExecutor(
                    task -> {
                        Thread thread = new Thread(task, "db-health");
                        thread.setDaemon(true);
                        return thread;
                    });
    private Future<Boolean> running;

    /** The check's connection; used on the checker thread only. */
    private Connection connection;

    /**
     * @param connector opens the check's own connection
     * @param timeout how long a check may take before the database counts as DOWN
     */
    DatabaseHealthIndicator(Connector connector, Duration timeout) {
        super("Database health check failed");
        this.connector = connector;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Future<Boolean> check;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = checker.submit(this::isValid);
            }
            check = running;
        }
        try {
            if (check.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                builder.up().withDetail("validationQuery", "isValid()");
            } else {
                builder.down().withDetail("error", "the connection is not valid");
            }
        } catch (TimeoutException e) {
            builder.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            // The driver's own reason, not the executor's wrapper around it.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            builder.down()
                    .withDetail(
                            "error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /**
     * Whether the kept connection is valid; when it is not (the database restarted, the server
     * closed it), whether a new one is.
     */
    private boolean isValid() throws SQLException {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        if (connection != null) {
            if (validates(connection, seconds)) {
                return true;
            }
            closeConnection();
        }
        connection = connector.connect();
        if (validates(connection, seconds)) {
            return true;
        }
        closeConnection();
        return false;
    }

    private static boolean validates(Connection connection, int seconds) {
        try {
            return connection.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            // It was broken already; a new one is opened.
        }
        connection = null;
    }

    /**
     * Stops the checker and closes the check's connection, unless a check is still waiting on a
     * database that does not answer by {@code timeout} (its thread is a daemon).
     */
    @Override
    public void destroy() throws InterruptedException {
        checker.shutdownNow();
        if (checker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)
                && connection != null) {
            closeConnection();
        }
    }
}
