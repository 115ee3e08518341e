package com.translation.pipeline.ingest.publish;

/**
 * An event ready for Kafka: its key (the session id) and its encoded envelope, already checked
 * against the record size limit.
 */
public record EventRecord(String key, byte[] value) {}
