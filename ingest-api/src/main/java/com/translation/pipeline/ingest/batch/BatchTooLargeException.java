package com.translation.pipeline.ingest.batch;

/**
 * A batch with more items than {@code ingest.max-items}: answered 413 as soon as the first item
 * over the limit is reached, nothing published.
 */
public class BatchTooLargeException extends RuntimeException {

    private final String field;

    BatchTooLargeException(String field, int max) {
        super(
                "'" + field + "' holds more than " + max + " items, the most allowed.",
                null,
                false,
                false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
