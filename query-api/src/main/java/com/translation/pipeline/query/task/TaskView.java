package com.translation.pipeline.query.task;

import com.translation.pipeline.query.web.JsonColumns;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A task as the API returns it (snake_case JSON, times in UTC): the fields of the contract's Task
 * schema, which is its schema in the OpenAPI document.
 */
public record TaskView(
        String taskId,
        String sessionId,
        Integer sequence,
        String status,
        String sourceText,
        String translatedText,
        String errorMessage,
        Integer retryCount,
        JsonNode metadata,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    public static TaskView of(TranslationTaskRecord row) {
        return new TaskView(
                row.getTaskId(),
                row.getSessionId(),
                row.getSequence(),
                row.getStatus(),
                row.getSourceText(),
                row.getTranslatedText(),
                row.getErrorMessage(),
                row.getRetryCount(),
                JsonColumns.read(row.getMetadata()),
                JsonColumns.instant(row.getCreatedAt()),
                JsonColumns.instant(row.getUpdatedAt()),
                JsonColumns.instant(row.getCompletedAt()));
    }
}
