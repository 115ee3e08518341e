package com.translation.pipeline.schema.event;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A translation task, as described by {@code schema/task.v1.json}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskData(
        String taskId,
        String sessionId,
        Integer sequence,
        TaskStatus status,
        String sourceText,
        String translatedText,
        String errorMessage,
        Integer retryCount,
        JsonNode metadata,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt)
        implements EventData {

    public TaskData {
        metadata = ContractJson.nullIfJsonNull(metadata);
    }

    @Override
    public EventType eventType() {
        return EventType.TASK_UPSERTED;
    }
}
