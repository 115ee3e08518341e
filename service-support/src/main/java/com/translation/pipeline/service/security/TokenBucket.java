package com.translation.pipeline.service.security;

import java.util.function.LongSupplier;

/** A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int capacity;
    private final double perNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    TokenBucket(int perSecond, int burst, LongSupplier nanoTime) {
        this.capacity = burst;
        this.perNano = (double) perSecond / NANOS_PER_SECOND;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Takes a token; when none is left, answers how many whole seconds until one is (at least 1).
     */
    synchronized long tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        double missingNanos = (1 - tokens) / perNano;
        return Math.max(1, (long) Math.ceil(missingNanos / NANOS_PER_SECOND));
    }
}
