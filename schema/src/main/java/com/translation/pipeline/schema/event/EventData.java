package com.translation.pipeline.schema.event;

import java.time.Instant;

/** The {@code data} of an event: a session or a task, versioned by {@code updated_at}. */
public sealed interface EventData permits SessionData, TaskData {

    /** The Kafka record key: every event of a session goes to the same partition. */
    String sessionId();

    /** The record's version: an update older than the stored row is ignored. */
    Instant updatedAt();

    EventType eventType();
}
