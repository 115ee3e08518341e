package com.translation.pipeline.service.system;

import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.swagger.v3.oas.annotations.Operation;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/system/metrics}: a JSON summary of the pipeline's own meters (those named
 * {@code pipeline.*}) for people and scripts; Prometheus scrapes {@code /actuator/prometheus}.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = ApiDocumentationAutoConfiguration.SYSTEM_TAG)
@RestController
class SystemMetricsController {

    static final String PREFIX = "pipeline.";

    private final MeterRegistry registry;
    private final String service;

    SystemMetricsController(
            MeterRegistry registry, @Value("${spring.application.name}") String service) {
        this.registry = registry;
        this.service = service;
    }

    @Operation(operationId = "getMetrics", summary = "The service's main meters, summarised")
    @GetMapping("/api/v1/system/metrics")
    MetricsSummary metrics() {
        List<MeterSummary> meters =
                registry.getMeters().stream()
                        .filter(meter -> meter.getId().getName().startsWith(PREFIX))
                        .map(SystemMetricsController::summarize)
                        .sorted(Comparator.comparing(MeterSummary::name))
                        .toList();
        Runtime runtime = Runtime.getRuntime();
        return new MetricsSummary(
                service,
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024),
                meters);
    }

    private static MeterSummary summarize(Meter meter) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : meter.getId().getTags()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        Map<String, Number> values = new LinkedHashMap<>();
        meter.match(
                gauge -> values.put("value", gauge.value()),
                counter -> values.put("count", counter.count()),
                timer -> {
                    values.put("count", timer.count());
                    values.put("mean_ms", timer.mean(TimeUnit.MILLISECONDS));
                    values.put("max_ms", timer.max(TimeUnit.MILLISECONDS));
                    return null;
                },
                summary -> {
                    values.put("count", summary.count());
                    values.put("mean", summary.mean());
                    values.put("max", summary.max());
                    return null;
                },
                longTaskTimer -> values.put("active", longTaskTimer.activeTasks()),
                timeGauge -> values.put("value_ms", timeGauge.value(TimeUnit.MILLISECONDS)),
                functionCounter -> values.put("count", functionCounter.count()),
                functionTimer -> values.put("count", functionTimer.count()),
                other -> null);
        return new MeterSummary(meter.getId().getName(), tags, values);
    }

    record MetricsSummary(
            String service, long uptimeSeconds, long heapUsedMb, List<MeterSummary> meters) {}

    record MeterSummary(String name, Map<String, String> tags, Map<String, Number> values) {}
}
