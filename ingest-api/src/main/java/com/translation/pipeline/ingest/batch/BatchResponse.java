package com.translation.pipeline.ingest.batch;

import java.util.List;

/**
 * The answer to a batch: counts, one result per item in request order, and a token that makes a
 * later query-api read wait until these events are applied.
 */
public record BatchResponse(
        int accepted, int rejected, List<ItemResult> results, String consistencyToken) {

    static BatchResponse of(List<ItemResult> results, String consistencyToken) {
        int accepted =
                (int)
                        results.stream()
                                .filter(r -> r.status() == ItemResult.Status.accepted)
                                .count();
        return new BatchResponse(accepted, results.size() - accepted, results, consistencyToken);
    }
}
