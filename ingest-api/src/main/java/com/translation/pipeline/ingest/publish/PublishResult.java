package com.translation.pipeline.ingest.publish;

/**
 * Kafka's answer for one event: acknowledged by all in-sync replicas at a partition and offset, or
 * not acknowledged (with why).
 */
public record PublishResult(String topic, int partition, long offset, String failure) {

    static PublishResult acknowledged(String topic, int partition, long offset) {
        return new PublishResult(topic, partition, offset, null);
    }

    static PublishResult failed(String topic, String failure) {
        return new PublishResult(topic, -1, -1, failure);
    }

    public boolean isAcknowledged() {
        return failure == null;
    }
}
