package com.translation.pipeline.schema.event;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum TaskStatus {
    @JsonProperty("pending")
    PENDING,
    @JsonProperty("running")
    RUNNING,
    @JsonProperty("completed")
    COMPLETED,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("cancelled")
    CANCELLED,
    @JsonProperty("skipped")
    SKIPPED;

    /** The value on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
