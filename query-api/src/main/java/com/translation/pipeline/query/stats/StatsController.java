package com.translation.pipeline.query.stats;

import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = ApiDocumentationAutoConfiguration.SYSTEM_TAG)
@RestController
class StatsController {

    private final StatsCollector collector;

    StatsController(StatsCollector collector) {
        this.collector = collector;
    }

    @Operation(
            operationId = "getStats",
            summary =
                    "Sessions and tasks by status, the writer's lag per partition, dead letters,"
                            + " table sizes",
            description =
                    "Lag compares the topics' end offsets with the offsets stored by the writer.")
    @GetMapping("/api/v1/translation/stats")
    Stats stats() {
        return collector.collect();
    }
}
