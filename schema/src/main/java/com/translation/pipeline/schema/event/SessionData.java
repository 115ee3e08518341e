package com.translation.pipeline.schema.event;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A translation session, as described by {@code schema/session.v1.json}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionData(
        String sessionId,
        String userId,
        SessionStatus status,
        String sourceLanguage,
        String targetLanguage,
        String title,
        Integer totalTasks,
        Integer completedTasks,
        Integer failedTasks,
        JsonNode metadata,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt)
        implements EventData {

    public SessionData {
        metadata = ContractJson.nullIfJsonNull(metadata);
    }

    @Override
    public EventType eventType() {
        return EventType.SESSION_UPSERTED;
    }
}
