package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.EventType;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.FieldError;
import com.translation.pipeline.schema.event.Validation;
import tools.jackson.databind.JsonNode;

/** The two kinds of batch: what their items are called, validated by and published to. */
enum RecordKind {
    SESSIONS("sessions", "session_id"),
    TASKS("tasks", "task_id");

    private final String field;
    private final String idField;

    RecordKind(String field, String idField) {
        this.field = field;
        this.idField = idField;
    }

    /** The request field that holds the items, and the metric tag. */
    String field() {
        return field;
    }

    /** The item's id as the answer echoes it (unpaired surrogates replaced), when it has one. */
    String idOf(JsonNode item) {
        JsonNode id = item.path(idField);
        return id.isString() ? FieldError.wholeUnicode(id.asString()) : null;
    }

    EventType eventType() {
        return this == SESSIONS ? EventType.SESSION_UPSERTED : EventType.TASK_UPSERTED;
    }

    Validation<? extends EventData> validate(EventValidator validator, JsonNode item) {
        return this == SESSIONS ? validator.validateSession(item) : validator.validateTask(item);
    }

    String topic(IngestProperties properties) {
        return this == SESSIONS ? properties.sessionsTopic() : properties.tasksTopic();
    }
}
