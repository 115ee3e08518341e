package com.translation.pipeline.schema.event;

/**
 * Why one field of a record is invalid. {@code field} is the JSON path from the record (for an
 * item) or from the envelope (for a Kafka record): {@code status}, {@code metadata}, {@code
 * data.updated_at}; empty for the whole record.
 */
public record FieldError(String field, Reason reason, String message) {

    /** A stable, low-cardinality code: metrics count rejections by it. */
    public enum Reason {
        MALFORMED,
        MISSING,
        UNKNOWN_FIELD,
        WRONG_TYPE,
        INVALID_VALUE,
        INVALID_TIMESTAMP,
        TOO_LONG,
        TOO_LARGE,
        TOO_DEEP,
        OUT_OF_RANGE
    }

    @Override
    public String toString() {
        return (field.isEmpty() ? "record" : field) + ": " + message;
    }
}
