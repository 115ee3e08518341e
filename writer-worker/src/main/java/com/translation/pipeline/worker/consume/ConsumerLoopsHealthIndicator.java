package com.translation.pipeline.worker.consume;

import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code consumers} component of {@code /health}: DOWN when a consumer loop ended while the
 * worker runs (see {@link LoopThreads}), with the ended loops named; UP with the number of loops
 * otherwise, also before they start.
 */
@Component("consumers")
class ConsumerLoopsHealthIndicator extends AbstractHealthIndicator {

    private final WriterLoops loops;

    ConsumerLoopsHealthIndicator(WriterLoops loops) {
        super("Consumer loops health check failed");
        this.loops = loops;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        report(builder, loops.ended(), loops.started());
    }

    /**
     * @param ended the names of the loops that ended while the worker runs
     * @param started how many loops were started
     */
    static Health.Builder report(Health.Builder builder, List<String> ended, int started) {
        return ended.isEmpty()
                ? builder.up().withDetail("loops", started)
                : builder.down().withDetail("ended", ended).withDetail("loops", started);
    }
}
