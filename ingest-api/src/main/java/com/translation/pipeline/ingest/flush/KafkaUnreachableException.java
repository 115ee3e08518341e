package com.translation.pipeline.ingest.flush;

/** Kafka did not answer the flush barrier's offset queries in time: answered 503. */
public class KafkaUnreachableException extends Exception {

    KafkaUnreachableException(Throwable cause) {
        super("Kafka did not answer in time", cause);
    }
}
