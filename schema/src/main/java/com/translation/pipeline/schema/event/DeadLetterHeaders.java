package com.translation.pipeline.schema.event;

/**
 * Headers of every record on the dead-letter topic. The first five are spring-kafka's standard
 * dead-letter headers, so the usual tools read them.
 */
public final class DeadLetterHeaders {

    /** The topic the record came from (UTF-8). */
    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

    /** Its partition, a 4-byte big-endian int. */
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

    /** Its offset, an 8-byte big-endian long. */
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";

    /** Why it was rejected (UTF-8): the validator's field errors, or the database's refusal. */
    public static final String REASON = "kafka_dlt-exception-message";

    /** The class of the rejection (UTF-8). */
    public static final String REASON_TYPE = "kafka_dlt-exception-fqcn";

    /** When it was dead-lettered, RFC 3339 in UTC (UTF-8). */
    public static final String DEAD_LETTERED_AT = "dlq-dead-lettered-at";

    /** For a record the database refused: the SQLState of its error (UTF-8, e.g. {@code 22001}). */
    public static final String SQL_STATE = "dlq-sql-state";

    /** For a record the database refused: the server's error number (UTF-8 decimal). */
    public static final String SQL_ERROR_CODE = "dlq-sql-error-code";

    /**
     * For a value larger than the contract's largest envelope, which is kept only in part: its size
     * in bytes (UTF-8 decimal).
     */
    public static final String ORIGINAL_VALUE_BYTES = "dlq-original-value-bytes";

    private DeadLetterHeaders() {}
}
