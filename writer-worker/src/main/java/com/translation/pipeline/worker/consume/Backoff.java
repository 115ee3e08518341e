package com.translation.pipeline.worker.consume;

import java.time.Duration;

/**
 * Exponential backoff without an end: the first wait, then twice the last, up to the longest.
 * Confined to one thread.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next try; each call doubles the following one. */
    Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    /** After a success: the next wait is the first one again. */
    void reset() {
        next = initial;
    }
}
