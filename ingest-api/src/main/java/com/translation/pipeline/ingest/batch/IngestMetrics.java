package com.translation.pipeline.ingest.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /** One registry lookup per outcome and reason in the batch, not one per item. */
    void items(RecordKind kind, List<ItemResult> results) {
        Map<List<String>, Long> counts =
                results.stream()
                        .collect(
                                Collectors.groupingBy(
                                        result ->
                                                List.of(
                                                        result.status().name(),
                                                        result.errors().isEmpty()
                                                                ? "none"
                                                                : result.errors().get(0).reason()),
                                        Collectors.counting()));
        counts.forEach(
                (outcomeAndReason, count) ->
                        Counter.builder("pipeline.ingest.items")
                                .description(
                                        "Batch items by outcome and, for rejections, the first"
                                                + " reason")
                                .tag("kind", kind.field())
                                .tag("outcome", outcomeAndReason.get(0))
                                .tag("reason", outcomeAndReason.get(1))
                                .register(registry)
                                .increment(count));
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
