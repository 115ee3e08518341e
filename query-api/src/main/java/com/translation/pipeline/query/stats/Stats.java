package com.translation.pipeline.query.stats;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/translation/stats}. */
record Stats(Counts sessions, Counts tasks, Pipeline pipeline, Storage storage) {

    record Counts(long total, Map<String, Long> byStatus) {}

    /**
     * @param kafka "available", or "unavailable" when the broker did not answer (then end offsets,
     *     lag and dead letters are null)
     */
    record Pipeline(
            @Schema(allowableValues = {"available", "unavailable"}) String kafka,
            List<PartitionLag> partitions,
            @Schema(types = {"integer", "null"}) Long totalLag,
            @Schema(types = {"integer", "null"}) Long deadLetters,
            @Schema(
                            types = {"string", "null"},
                            format = "date-time")
                    Instant lastAppliedAt) {}

    record PartitionLag(
            String topic,
            int partition,
            @Schema(types = {"integer", "null"}) Long endOffset,
            long appliedOffset,
            @Schema(types = {"integer", "null"}) Long lag) {}

    record Storage(List<TableSize> tables) {}

    record TableSize(String name, long rows, long bytes) {}
}
