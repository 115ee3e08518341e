package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.QueryProperties;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.Cursor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many list pages and restores read from the database at once: {@code
 * query.max-concurrent-list-reads} (8), fewer than the pool's connections (HikariCP's 10), so that
 * a burst of large pages, each holding its connection while the database gives its rows, never
 * takes the connections that single reads and {@code /health} need. Two dozen clients reading 52 MB
 * pages at once held the whole pool: {@code /health} answered DOWN and a single read took up to 3.6
 * s (a new user's probe, 2026-12-03). A read waits up to {@code query.list-read-wait} (2 s) for its
 * turn, then is refused with 503 and {@code Retry-After} ({@link ListReadsBusyException}).
 */
@Component
public class ListReads {

    private final Semaphore permits;
    private final int capacity;
    private final Duration wait;

    @Autowired
    ListReads(
            QueryProperties properties,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        this(properties.maxConcurrentListReads(), properties.listReadWait(), poolSize);
    }

    /**
     * @param capacity reads at once
     * @param wait how long a read waits for its turn
     * @param poolSize the connections of the pool the reads use
     * @throws IllegalStateException when {@code capacity} leaves no connection of the pool to the
     *     other reads
     */
    ListReads(int capacity, Duration wait, int poolSize) {
        if (capacity >= poolSize) {
            throw new IllegalStateException(
                    "query.max-concurrent-list-reads ("
                            + capacity
                            + ") must be below the pool's maximum-pool-size ("
                            + poolSize
                            + "), so that single reads and /health always find a connection");
        }
        this.permits = new Semaphore(capacity, true);
        this.capacity = capacity;
        this.wait = wait;
    }

    /**
     * A turn to read a list page or a restore from the database; close it once the rows are read.
     *
     * @throws ListReadsBusyException when no turn comes within the wait
     */
    public Turn acquire() {
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ListReadsBusyException(capacity);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListReadsBusyException(capacity);
        }
        return new Turn();
    }

    /** Turns free now. */
    public int available() {
        return permits.availablePermits();
    }

    /** One read's turn; closing it again does nothing. */
    public final class Turn implements AutoCloseable {

        private final AtomicBoolean done = new AtomicBoolean();

        private Turn() {}

        @Override
        public void close() {
            if (done.compareAndSet(false, true)) {
                permits.release();
            }
        }

        /**
         * Closes {@code rows}, the result set read in this turn, then gives the turn back, also
         * when closing them fails.
         */
        public void closeAfter(Cursor<?> rows) {
            try {
                rows.close();
            } finally {
                close();
            }
        }
    }
}
