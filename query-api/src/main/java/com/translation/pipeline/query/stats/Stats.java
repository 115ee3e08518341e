package com.translation.pipeline.query.stats;

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
            String kafka,
            List<PartitionLag> partitions,
            Long totalLag,
            Long deadLetters,
            Instant lastAppliedAt) {}

    record PartitionLag(
            String topic, int partition, Long endOffset, long appliedOffset, Long lag) {}

    record Storage(List<TableSize> tables) {}

    record TableSize(String name, long rows, long bytes) {}
}
