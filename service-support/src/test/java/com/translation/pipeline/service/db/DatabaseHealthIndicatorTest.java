package com.translation.pipeline.service.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The bounded {@code db} health component, on fake data sources (the real database's outage is
 * {@code DatabaseOutageIT}'s): a database that does not answer is DOWN within the bound, and calls
 * meanwhile share the one check in progress.
 */
class DatabaseHealthIndicatorTest {

    private static final Duration BOUND = Duration.ofMillis(300);

    @Test
    void aValidConnectionIsUp() throws Exception {
        DatabaseHealthIndicator indicator =
                new DatabaseHealthIndicator(connector(new AtomicInteger(), null), BOUND);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        indicator.destroy();
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsDownWithinTheBoundAndIsAskedOnce() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch hung = new CountDownLatch(1);
        DatabaseHealthIndicator indicator =
                new DatabaseHealthIndicator(connector(asked, hung), BOUND);

        for (int call = 0; call < 3; call++) {
            long started = System.nanoTime();
            Health health = indicator.health();
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error")).asString().contains("no answer within");
            assertThat(tookMs).isBetween(BOUND.toMillis() - 50, BOUND.toMillis() + 700);
        }
        assertThat(asked.get()).isEqualTo(1);
        hung.countDown();
        indicator.destroy();
    }

    @Test
    void aDatabaseThatRefusesIsDownWithTheDriversReasonNotTheExecutorsWrapper() throws Exception {
        DatabaseHealthIndicator indicator =
                new DatabaseHealthIndicator(
                        () -> {
                            throw new SQLTransientConnectionException(
                                    "Connection is not available, request timed out");
                        },
                        BOUND);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error"))
                .isEqualTo(
                        "SQLTransientConnectionException: Connection is not available, request"
                                + " timed out");
        indicator.destroy();
    }

    /**
     * The check keeps its connection: three checks open one, and when it stops being valid (the
     * database restarted, the server closed it) the next check opens another and is UP with it;
     * only a new connection that is not valid either is DOWN.
     */
    @Test
    void theCheckKeepsItsConnectionAndReplacesOneNoLongerValid() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicBoolean firstValid = new AtomicBoolean(true);
        AtomicBoolean othersValid = new AtomicBoolean(true);
        AtomicInteger closed = new AtomicInteger();
        DatabaseHealthIndicator indicator =
                new DatabaseHealthIndicator(
                        () ->
                                connection(
                                        opened.incrementAndGet() == 1 ? firstValid : othersValid,
                                        closed),
                        BOUND);

        for (int call = 0; call < 3; call++) {
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        }
        assertThat(opened.get()).isEqualTo(1);

        firstValid.set(false);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(opened.get()).isEqualTo(2);
        assertThat(closed.get()).isEqualTo(1);

        othersValid.set(false);
        Health down = indicator.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("error")).isEqualTo("the connection is not valid");
        assertThat(opened.get()).isEqualTo(3);
        assertThat(closed.get()).isEqualTo(3);

        othersValid.set(true);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(opened.get()).isEqualTo(4);
        indicator.destroy();
        assertThat(closed.get()).as("the kept connection is closed with the service").isEqualTo(4);
    }

    /** A connection valid while {@code valid} is, counting its closes in {@code closed}. */
    private static Connection connection(AtomicBoolean valid, AtomicInteger closed) {
        return (Connection)
                Proxy.newProxyInstance(
                        Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "isValid" -> valid.get();
                                    case "close" -> {
                                        closed.incrementAndGet();
                                        yield null;
                                    }
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }

    /**
     * Opens valid connections, counting the openings in {@code asked}; waits on {@code hung} first
     * when it is given.
     */
    private static DatabaseHealthIndicator.Connector connector(
            AtomicInteger asked, CountDownLatch hung) {
        return () -> {
            asked.incrementAndGet();
            if (hung != null) {
                try {
                    hung.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return connection(new AtomicBoolean(true), new AtomicInteger());
        };
    }
}
