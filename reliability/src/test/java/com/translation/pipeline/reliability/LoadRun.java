package com.translation.pipeline.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs every producer on a thread of its own, each sending its share in chunks spread evenly over
 * {@code duration}, so that faults injected meanwhile land in the middle of the traffic.
 */
final class LoadRun {

    static final int CHUNK = 50;

    private final ExecutorService threads;
    private final List<Future<?>> producers = new ArrayList<>();

    private LoadRun(int producers) {
        this.threads = Executors.newFixedThreadPool(producers);
    }

    static LoadRun start(List<Sender> senders, List<List<Version>> shares, Duration duration) {
        LoadRun run = new LoadRun(senders.size());
        long startNanos = System.nanoTime();
        for (int p = 0; p < senders.size(); p++) {
            Sender sender = senders.get(p);
            List<Version> share = shares.get(p);
            run.producers.add(run.threads.submit(() -> paced(sender, share, duration, startNanos)));
        }
        return run;
    }

    private static void paced(
            Sender sender, List<Version> share, Duration duration, long startNanos) {
        int chunks = Math.max(1, (share.size() + CHUNK - 1) / CHUNK);
        long intervalNanos = duration.toNanos() / chunks;
        for (int c = 0; c < chunks; c++) {
            long due = startNanos + c * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            sender.send(share.subList(c * CHUNK, Math.min(share.size(), (c + 1) * CHUNK)));
        }
    }

    /** Waits until every producer has sent its share. */
    void await(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> producer : producers) {
            producer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        threads.shutdown();
    }
}
