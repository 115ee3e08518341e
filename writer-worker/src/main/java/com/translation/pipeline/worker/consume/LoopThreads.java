package com.translation.pipeline.worker.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of the consumer loops: started together, joined together, and asked which of them
 * ended while they were meant to run. A loop retries every failure it knows of for ever ({@link
 * ConsumerLoop}), so a thread that ends before {@link #stop} ended by an {@link Error} (a defect, a
 * class that failed to load): its consumer is closed and its partitions go to the other loops of
 * the group, and {@code /health} says so ({@link ConsumerLoopsHealthIndicator}). Start and stop are
 * called by one thread at a time; the questions may be asked from any.
 */
final class LoopThreads {

    private static final Logger log = LoggerFactory.getLogger(LoopThreads.class);

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    /**
     * Starts one thread per loop, named {@code prefix} and the loop's index.
     *
     * @throws IllegalStateException when threads of an earlier start are still held
     */
    void start(String prefix, List<? extends Runnable> loops) {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("the loops are started already");
        }
        List<Thread> started = new ArrayList<>();
        for (int n = 0; n < loops.size(); n++) {
            Thread thread = new Thread(loops.get(n), prefix + n);
            thread.setUncaughtExceptionHandler(
                    (ended, error) ->
                            log.error(
                                    "{} ended: its partitions go to the other consumers of the"
                                            + " group, and /health is DOWN until the worker is"
                                            + " restarted",
                                    ended.getName(),
                                    error));
            thread.start();
            started.add(thread);
        }
        // Only started threads are asked whether they ended.
        threads.addAll(started);
        running = true;
    }

    /**
     * Waits up to {@code timeout} for each thread to end (the caller has told the loops to stop),
     * then forgets them.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the threads are kept
     */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(timeout.toMillis());
        }
        threads.clear();
    }

    /** Whether any thread is alive. */
    boolean anyAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    /** The names of the threads that ended while they were meant to run; empty after a stop. */
    List<String> ended() {
        if (!running) {
            return List.of();
        }
        List<String> ended = new ArrayList<>();
        for (Thread thread : threads) {
            if (!thread.isAlive()) {
                ended.add(thread.getName());
            }
        }
        return ended;
    }

    /** How many threads were started and not stopped. */
    int started() {
        return running ? threads.size() : 0;
    }
}
