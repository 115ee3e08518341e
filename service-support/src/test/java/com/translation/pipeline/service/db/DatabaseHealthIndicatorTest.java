package com.translation.pipeline.service.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
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
    void aValidConnectionIsUp() {
        DatabaseHealthIndicator indicator =
                new DatabaseHealthIndicator(dataSource(new AtomicInteger(), null), BOUND);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        indicator.destroy();
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsDownWithinTheBoundAndIsAskedOnce() {
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch hung = new CountDownLatch(1);
        DatabaseHealthIndicator indicator =
                new DatabaseHealthIndicator(dataSource(asked, hung), BOUND);

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
    void aPoolThatRefusesIsDownWithThePoolsReasonNotTheExecutorsWrapper() {
        DataSource refusing =
                (DataSource)
                        Proxy.newProxyInstance(
                                DataSource.class.getClassLoader(),
                                new Class<?>[] {DataSource.class},
                                (proxy, method, args) -> {
                                    throw new SQLTransientConnectionException(
                                            "Connection is not available, request timed out");
                                });
        DatabaseHealthIndicator indicator = new DatabaseHealthIndicator(refusing, BOUND);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error"))
                .isEqualTo(
                        "SQLTransientConnectionException: Connection is not available, request"
                                + " timed out");
        indicator.destroy();
    }

    /** A pool whose connections are valid, or whose getConnection waits on {@code hung}. */
    private static DataSource dataSource(AtomicInteger asked, CountDownLatch hung) {
        Connection connection =
                (Connection)
                        Proxy.newProxyInstance(
                                Connection.class.getClassLoader(),
                                new Class<?>[] {Connection.class},
                                (proxy, method, args) ->
                                        switch (method.getName()) {
                                            case "isValid" -> true;
                                            case "close" -> null;
                                            default ->
                                                    throw new UnsupportedOperationException(
                                                            method.getName());
                                        });
        return (DataSource)
                Proxy.newProxyInstance(
                        DataSource.class.getClassLoader(),
                        new Class<?>[] {DataSource.class},
                        (proxy, method, args) -> {
                            if (!method.getName().equals("getConnection")) {
                                throw new UnsupportedOperationException(method.getName());
                            }
                            asked.incrementAndGet();
                            if (hung != null) {
                                hung.await();
                            }
                            return connection;
                        });
    }
}
