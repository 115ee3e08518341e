package com.translation.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A closed-loop load: clients that each start the next piece of work when the last is answered. */
final class ClosedLoop {

    private ClosedLoop() {}

    /** One piece of work; returns how many units (events, requests) it got done. */
    interface Work {
        long run() throws Exception;
    }

    /**
     * Runs {@code work} from {@code clients} threads, each one at a time, for {@code duration}.
     *
     * @return units done per second of the run
     * @throws java.util.concurrent.ExecutionException when any piece of work failed
     */
    static double perSecond(int clients, Duration duration, Work work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            long started = System.nanoTime();
            long end = started + duration.toNanos();
            List<Future<Long>> counts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                counts.add(
                        threads.submit(
                                () -> {
                                    long done = 0;
                                    while (System.nanoTime() < end) {
                                        done += work.run();
                                    }
                                    return done;
                                }));
            }
            long done = 0;
            for (Future<Long> count : counts) {
                done += count.get();
            }
            return done / ((System.nanoTime() - started) / 1e9);
        } finally {
            threads.shutdown();
        }
    }
}
