package com.translation.pipeline.schema.event;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum SessionStatus {
    @JsonProperty("pending")
    PENDING,
    @JsonProperty("running")
    RUNNING,
    @JsonProperty("paused")
    PAUSED,
    @JsonProperty("completed")
    COMPLETED,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("cancelled")
    CANCELLED;

    /** The value on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A session that will not change any more, the only kind retention cleanup removes. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
