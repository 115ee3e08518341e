package com.translation.pipeline.schema.event;

/** Headers that every record on the dead-letter topic carries (values UTF-8 text). */
public final class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";

    /** Why the record was rejected: the validator's field errors, or the exception. */
    public static final String REASON = "dlq.reason";

    /** When it was dead-lettered, RFC 3339 in UTC. */
    public static final String DEAD_LETTERED_AT = "dlq.dead-lettered.at";

    private DeadLetterHeaders() {}
}
