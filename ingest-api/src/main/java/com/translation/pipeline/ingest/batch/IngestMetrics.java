package com.translation.pipeline.ingest.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Meters of ingest-api: requests by status, items by outcome and reason, publish latency. */
@Component
class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(RecordKind kind, int status) {
        Counter.builder("pipeline.ingest.requests")
                .description("Batch requests answered, by HTTP status")
                .tag("kind", kind.field())
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    void item(RecordKind kind, ItemResult result) {
        String reason = result.errors().isEmpty() ? "none" : result.errors().get(0).reason();
        Counter.builder("pipeline.ingest.items")
                .description("Batch items by outcome and, for rejections, the first reason")
                .tag("kind", kind.field())
                .tag("outcome", result.status().name())
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    Timer.Sample startPublish() {
        return Timer.start(registry);
    }

    void publishDone(Timer.Sample sample, RecordKind kind, boolean acknowledged) {
        sample.stop(
                Timer.builder("pipeline.ingest.publish")
                        .description(
                                "Time from the first send of a batch to Kafka's last"
                                        + " acknowledgement")
                        .tag("kind", kind.field())
                        .tag("outcome", acknowledged ? "acknowledged" : "failed")
                        .publishPercentiles(0.5, 0.99)
                        .register(registry));
    }
}
