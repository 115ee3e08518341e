package com.translation.pipeline.service.kafka;

/** Kafka did not answer an Admin call in time. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(Throwable cause) {
        super("Kafka did not answer in time", cause);
    }
}
