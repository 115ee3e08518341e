package com.translation.pipeline.worker.consume;

import com.translation.pipeline.worker.WorkerProperties;
import com.translation.pipeline.worker.apply.BatchApplier;
import com.translation.pipeline.worker.apply.WorkerMetrics;
import com.translation.pipeline.worker.offset.OffsetStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts {@code worker.consumers} consumer loops of the writer group, each with its own consumer
 * and thread, once the application is ready, and stops them (after the batch in progress) when it
 * shuts down. Each loop owns the partitions the group gives it; more loops, in this process or in
 * others, share the partitions.
 */
@Component
public class WriterLoops implements SmartLifecycle {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final ConsumerFactory<String, byte[]> consumers;
    private final BatchApplier applier;
    private final OffsetStore store;
    private final WorkerMetrics metrics;
    private final WorkerProperties properties;
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final LoopThreads threads = new LoopThreads();

    WriterLoops(
            ConsumerFactory<String, byte[]> consumers,
            BatchApplier applier,
            OffsetStore store,
            WorkerMetrics metrics,
            WorkerProperties properties) {
        this.consumers = consumers;
        this.applier = applier;
        this.store = store;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        for (int n = 0; n < properties.consumers(); n++) {
            loops.add(
                    new ConsumerLoop(
                            consumers.createConsumer(null, null, "-" + n),
                            properties.eventTopics(),
                            applier,
                            store,
                            metrics,
                            properties.retryInitialInterval(),
                            properties.retryMaxInterval(),
                            properties.pollTimeout(),
                            properties.maxBatchRecords(),
                            properties.maxBatchBytes().toBytes()));
        }
        threads.start("writer-loop-", loops);
    }

    /** Stops every loop after its batch in progress and waits for its consumer to close. */
    @Override
    public synchronized void stop() {
        loops.forEach(ConsumerLoop::stop);
        try {
            threads.stop(JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        loops.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return threads.anyAlive();
    }

    /**
     * The names of the loops' threads that ended while the worker runs (see {@link LoopThreads}).
     */
    List<String> ended() {
        return threads.ended();
    }

    /** How many loops were started and not stopped. */
    int started() {
        return threads.started();
    }
}
