package com.translation.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: requests started on a fixed schedule whatever the answers do, each timed from
 * its intended start, so a slow answer delays no later request and is not hidden (no coordinated
 * omission).
 */
final class OpenLoop {

    private OpenLoop() {}

    /**
     * Runs {@code request} {@code requestsPerSecond} times a second for {@code duration} and waits
     * up to two minutes for the last answer.
     *
     * @param request starts one request; completes with true when it succeeded
     * @return the latencies in nanoseconds, from each request's intended start to its answer
     * @throws IllegalStateException when any request failed: a latency of a failure is not one of
     *     the service's
     */
    static Histogram latencies(
            double requestsPerSecond,
            Duration duration,
            Supplier<CompletableFuture<Boolean>> request)
            throws Exception {
        Histogram latencies = new ConcurrentHistogram(60_000_000_000L, 3);
        long intervalNanos = (long) (1e9 / requestsPerSecond);
        long start = System.nanoTime();
        long requests = duration.toNanos() / intervalNanos;
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; i < requests; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pending.add(
                    request.get()
                            .whenComplete(
                                    (succeeded, error) -> {
                                        if (error != null || !succeeded) {
                                            failed.incrementAndGet();
                                        }
                                        latencies.recordValue(System.nanoTime() - intended);
                                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests failed in the open loop");
        }
        return latencies;
    }
}
