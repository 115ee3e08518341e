package com.translation.pipeline.ingest.batch;

/** A body that is not a batch: answered 400 naming the field, nothing published. */
public class MalformedBatchException extends RuntimeException {

    private final String field;

    MalformedBatchException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The field at fault; empty for the whole body. */
    public String field() {
        return field;
    }
}
