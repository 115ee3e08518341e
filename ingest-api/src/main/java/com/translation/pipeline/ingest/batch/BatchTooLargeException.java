package com.translation.pipeline.ingest.batch;

/** A batch with more items than {@code ingest.max-items}: answered 413, nothing published. */
public class BatchTooLargeException extends RuntimeException {

    private final String field;

    BatchTooLargeException(String field, int max, int actual) {
        super("'" + field + "' holds " + actual + " items; at most " + max + " are allowed.");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
