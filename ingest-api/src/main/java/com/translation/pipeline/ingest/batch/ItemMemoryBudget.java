package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.service.web.WebLimitsProperties;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The heap that the items being parsed may take, all requests together ({@code
 * ingest.max-item-memory-in-flight}). The body budget of {@code pipeline.web} bounds the bytes of
 * the bodies in flight; this one bounds what their items become while parsed, which bytes do not: a
 * JSON tree takes up to thirty times the bytes of its text ({@code [{},{},...]}), so two dozen
 * items of 200,000 short strings each, every one under the item limits then, took a 256 MB heap.
 *
 * <p>An item is charged as it is read, by {@link #estimate(int) an estimate} of its tree. Its first
 * {@value #FREE_BYTES} bytes are free: nearly every item stays within them, and the request threads
 * bound what they add up to. An item that passes them reserves a slot of {@value #SLOT_BYTES} bytes
 * at once, waiting up to {@code pipeline.web.body-budget-wait} in line (the budget is fair), which
 * covers every valid item: the densest valid metadata (43,691 tokens, 3.5 MB) and every text at its
 * limit in UTF-16 (1.2 MB) come to under 5 MB. An item past its slot, which cannot be valid,
 * reserves the rest in steps of {@value #STEP_BYTES} bytes without waiting: items that wait hold
 * nothing yet, so those that hold do not wait for one another. A reservation that finds no room
 * fails the request with {@link ItemMemoryExhaustedException} (503, Retry-After), before anything
 * is published; what an item reserved is given back once it has been validated and encoded.
 */
@Component
class ItemMemoryBudget {

    /** An item's estimate up to which it reserves nothing, in bytes. */
    static final long FREE_BYTES = 64 * 1024;

    /** What an item past its free bytes reserves at once, in bytes. */
    static final long SLOT_BYTES = 5 * 1024 * 1024;

    /** What an item past its slot reserves at a time, without waiting, in bytes. */
    static final long STEP_BYTES = 1024 * 1024;

    /**
     * What one JSON token may take in a tree besides its text, in bytes: a node, its slot in its
     * parent, a boxed number. Measured on Jackson 3.1 with compressed pointers: 7 for {@code ""},
     * 28 for {@code []}, 44 for {@code {}}, 64 for a decimal, 73 for a two-letter string.
     */
    static final int TOKEN_BYTES = 80;

    /** What one character of a string, a name or a number takes at most (UTF-16), in bytes. */
    static final int CHAR_BYTES = 2;

    private static final int UNIT = 1024;

    private final Semaphore kibibytes;
    private final long waitMillis;

    @Autowired
    ItemMemoryBudget(IngestProperties properties, WebLimitsProperties limits) {
        this(properties.maxItemMemoryInFlight().toBytes(), limits.bodyBudgetWait());
    }

    ItemMemoryBudget(long bytes, Duration wait) {
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, bytes / UNIT), true);
        this.waitMillis = wait.toMillis();
    }

    /**
     * The estimate of a token's share of a tree.
     *
     * @param textLength the characters of its text: a string's, a name's or a number's; 0 for
     *     others
     * @return bytes
     */
    static long estimate(int textLength) {
        return TOKEN_BYTES + (long) CHAR_BYTES * textLength;
    }

    /** Starts charging one item; close the charge once its tree is no longer held. */
    Charge charge() {
        return new Charge();
    }

    /** The bytes free now. */
    long available() {
        return (long) kibibytes.availablePermits() * UNIT;
    }

    /** One item's estimate so far and what it has reserved for it. Not thread-safe. */
    final class Charge implements AutoCloseable {
        private long estimated;
        private int reserved;

        private Charge() {}

        /**
         * Adds {@code bytes} to the item's estimate and reserves what it passes beyond its free
         * bytes and its reservations: its slot first, waiting for it, then steps without waiting.
         *
         * @throws ItemMemoryExhaustedException when the budget has no room (for the slot, within
         *     the wait)
         */
        void add(long bytes) throws ItemMemoryExhaustedException {
            estimated += bytes;
            long uncovered = estimated - FREE_BYTES - (long) reserved * UNIT;
            if (uncovered <= 0) {
                return;
            }
            boolean slot = reserved == 0;
            int kib =
                    (int) ((Math.max(uncovered, slot ? SLOT_BYTES : STEP_BYTES) + UNIT - 1) / UNIT);
            if (!(slot ? acquireWaiting(kib) : kibibytes.tryAcquire(kib))) {
                throw new ItemMemoryExhaustedException();
            }
            reserved += kib;
        }

        private boolean acquireWaiting(int kib) {
            try {
                return kibibytes.tryAcquire(kib, waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Gives back what the item reserved. */
        @Override
        public void close() {
            kibibytes.release(reserved);
            reserved = 0;
        }
    }
}
