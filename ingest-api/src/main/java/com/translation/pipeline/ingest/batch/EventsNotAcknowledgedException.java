package com.translation.pipeline.ingest.batch;

/**
 * Kafka did not acknowledge every valid item of a batch in time: answered 503 with Retry-After, and
 * the per-item results say which items are durable and which must be sent again (resending an
 * accepted item is harmless: an equal {@code updated_at} is a replay).
 */
public class EventsNotAcknowledgedException extends RuntimeException {

    private final transient BatchResponse response;

    EventsNotAcknowledgedException(BatchResponse response) {
        super("Kafka did not acknowledge every event of the batch in time");
        this.response = response;
    }

    public BatchResponse response() {
        return response;
    }
}
