package com.translation.pipeline.query.session;

import com.translation.pipeline.query.web.JsonColumns;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A session as the API returns it (snake_case JSON, times in UTC): the fields of the contract's
 * Session schema, which is its schema in the OpenAPI document.
 */
public record SessionView(
        String sessionId,
        String userId,
        String status,
        String sourceLanguage,
        String targetLanguage,
        String title,
        Integer totalTasks,
        Integer completedTasks,
        Integer failedTasks,
        JsonNode metadata,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    public static SessionView of(TranslationSessionRecord row) {
        return new SessionView(
                row.getSessionId(),
                row.getUserId(),
                row.getStatus(),
                row.getSourceLanguage(),
                row.getTargetLanguage(),
                row.getTitle(),
                row.getTotalTasks(),
                row.getCompletedTasks(),
                row.getFailedTasks(),
                JsonColumns.read(row.getMetadata()),
                JsonColumns.instant(row.getCreatedAt()),
                JsonColumns.instant(row.getUpdatedAt()),
                JsonColumns.instant(row.getCompletedAt()));
    }
}
