package com.translation.pipeline.service.wait;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Checks a condition every {@code interval} until it holds or {@code timeout} passes: the bounded
 * waits of the flush barrier and of consistency tokens. An interrupt ends the wait (and keeps the
 * thread's interrupt flag) rather than turning the loop into a busy spin.
 */
public final class Polling {

    private Polling() {}

    /**
     * True as soon as the condition holds; false when the timeout passes or the thread is
     * interrupted.
     */
    public static boolean until(BooleanSupplier condition, Duration timeout, Duration interval) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() + interval.toNanos() > deadline) {
                return false;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
