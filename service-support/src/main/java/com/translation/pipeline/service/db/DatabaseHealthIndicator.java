package com.translation.pipeline.service.db;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code db} component of {@code /health}, answered within a bound: UP when a connection of the
 * pool is valid (JDBC's {@code isValid}) within {@code timeout}, DOWN otherwise. Boot's own
 * indicator waits as long as the database does, so a database that stops answering (a network
 * partition, a paused server) held {@code /health} for as long.
 *
 * <p>The check runs on its own thread; calls that come while one is in progress wait for that one
 * rather than start another, so a hung database holds one connection, not one per call.
 */
class DatabaseHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService checker =
            Executors.newSingleThreadExecutor(
                    task -> {
                        Thread thread = new Thread(task, "db-health");
                        thread.setDaemon(true);
                        return thread;
                    });
    private Future<Boolean> running;

    /**
     * @param dataSource the service's pool
     * @param timeout how long a check may take before the database counts as DOWN
     */
    DatabaseHealthIndicator(DataSource dataSource, Duration timeout) {
        super("Database health check failed");
        this.dataSource = dataSource;
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
            // The pool's or the driver's own reason, not the executor's wrapper around it.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            builder.down()
                    .withDetail(
                            "error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private boolean isValid() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
