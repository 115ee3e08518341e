package com.translation.pipeline.schema.event;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum EventType {
    @JsonProperty("session.upserted")
    SESSION_UPSERTED("session.upserted", SessionData.class),
    @JsonProperty("task.upserted")
    TASK_UPSERTED("task.upserted", TaskData.class);

    private final String wireName;
    private final Class<? extends EventData> dataType;

    EventType(String wireName, Class<? extends EventData> dataType) {
        this.wireName = wireName;
        this.dataType = dataType;
    }

    public String wireName() {
        return wireName;
    }

    Class<? extends EventData> dataType() {
        return dataType;
    }

    /** The type with this wire name, or null when there is none. */
    static EventType fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        return null;
    }
}
