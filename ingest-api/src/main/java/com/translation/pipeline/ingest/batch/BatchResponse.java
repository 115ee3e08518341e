package com.translation.pipeline.ingest.batch;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer to a batch: counts, one result per item in request order, and a token that makes a
 * later query-api read wait until these events are applied.
 *
 * @param accepted items durably in Kafka
 * @param rejected items refused as invalid (or held back by an atomic batch)
 * @param failed valid items Kafka did not acknowledge in time: maybe stored, maybe not; send them
 *     again
 */
public record BatchResponse(
        int accepted,
        int rejected,
        int failed,
        List<ItemResult> results,
        @Schema(types = {"string", "null"}) String consistencyToken) {

    static BatchResponse of(List<ItemResult> results, String consistencyToken) {
        return new BatchResponse(
                count(results, ItemResult.Status.accepted),
                count(results, ItemResult.Status.rejected),
                count(results, ItemResult.Status.failed),
                results,
                consistencyToken);
    }

    private static int count(List<ItemResult> results, ItemResult.Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
