package com.translation.pipeline.schema.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The value of every record on the session and task topics, as described by {@code
 * schema/envelope.v1.json}. The record key is {@link #key()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventEnvelope(
        int schemaVersion, UUID eventId, EventType type, Instant occurredAt, EventData data) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The largest serialized envelope, in bytes: below Kafka's default 1 MiB record limit, and
     * above the largest valid task (texts of 256 KiB each, 16 KiB error message, 64 KiB metadata)
     * unless its text is mostly JSON escapes.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    /** Wraps data in a new envelope with a random event id, stamped at {@code now}. */
    public static EventEnvelope wrap(EventData data, Instant now) {
        return new EventEnvelope(
                SCHEMA_VERSION,
                UUID.randomUUID(),
                data.eventType(),
                now.truncatedTo(ChronoUnit.MICROS),
                data);
    }

    /** The Kafka record key: the session id, for tasks too. */
    public String key() {
        return data.sessionId();
    }
}
