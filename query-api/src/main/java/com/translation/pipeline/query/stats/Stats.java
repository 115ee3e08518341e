package com.translation.pipeline.query.stats;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/translation/stats}.
 *
 * @param replica the read replica's state; null when none is configured
 */
record Stats(Counts sessions, Counts tasks, Pipeline pipeline, Storage storage, Replica replica) {

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

    /**
     * The read replica, as its last check found it (docs/operations.md, "Read replicas").
     *
     * @param status "available" (reads go to it), "lagging" (more than {@code
     *     query.replica.max-lag} behind: reads go to the primary) or "unavailable" (it did not
     *     answer: reads go to the primary)
     * @param lagEvents events and delete transactions the primary has applied and the replica not
     *     yet; null when it did not answer
     * @param lagSeconds how far behind the primary it is, to within one check interval; null when
     *     it did not answer
     * @param checkedAt when it was last checked
     * @param error why it did not answer, else null
     */
    record Replica(
            @Schema(allowableValues = {"available", "lagging", "unavailable"}) String status,
            @Schema(types = {"integer", "null"}) Long lagEvents,
            @Schema(types = {"number", "null"}) Double lagSeconds,
            @Schema(format = "date-time") Instant checkedAt,
            @Schema(types = {"string", "null"}) String error) {}

    record TableSize(String name, long rows, long bytes) {}
}
