package com.translation.pipeline.ingest.batch;

import org.springframework.http.ProblemDetail;

/** Puts a batch's counts and per-item results into a problem+json answer (422, 503). */
public final class BatchProblems {

    private BatchProblems() {}

    public static void addBatch(ProblemDetail problem, BatchResponse response) {
        problem.setProperty("accepted", response.accepted());
        problem.setProperty("rejected", response.rejected());
        problem.setProperty("failed", response.failed());
        problem.setProperty("results", response.results());
        if (response.consistencyToken() != null) {
            problem.setProperty("consistency_token", response.consistencyToken());
        }
    }
}
