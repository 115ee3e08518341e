package com.translation.pipeline.worker.apply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Meters of writer-worker: records by outcome, batch size, statements per batch, database write
 * time and end-to-end latency from an event's occurred_at to the commit that applied it.
 */
@Component
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final DistributionSummary statements;
    private final Timer writeTime;
    private final Timer endToEnd;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize =
                DistributionSummary.builder("pipeline.worker.batch.size")
                        .description("Records per poll")
                        .register(registry);
        this.statements =
                DistributionSummary.builder("pipeline.worker.batch.statements")
                        .description("SQL statements per applied batch")
                        .register(registry);
        this.writeTime =
                Timer.builder("pipeline.worker.write")
                        .description("Database transaction time per batch")
                        .publishPercentiles(0.5, 0.99)
                        .register(registry);
        this.endToEnd =
                Timer.builder("pipeline.worker.end_to_end")
                        .description("From an event's occurred_at to the commit that applied it")
                        .publishPercentiles(0.5, 0.99)
                        .register(registry);
    }

    /** Counts {@code count} records of {@code outcome}; nothing when it is 0. */
    public void records(String outcome, long count) {
        if (count > 0) {
            Counter.builder("pipeline.worker.records")
                    .description(
                            "Records by outcome: polled, applied, stale, deleted, coalesced,"
                                + " dead_lettered (not valid events), refused (valid events the"
                                + " database refused, dead-lettered), fenced, lost_to_retention")
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(count);
        }
    }

    void batch(int size) {
        batchSize.record(size);
    }

    void written(int statementCount, Duration took) {
        statements.record(statementCount);
        writeTime.record(took);
    }

    void applied(Instant occurredAt, Instant committedAt) {
        endToEnd.record(Duration.between(occurredAt, committedAt));
    }
}
