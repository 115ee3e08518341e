package com.translation.pipeline.worker.write;

import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.JSON;
import tools.jackson.databind.JsonNode;

/** Events as rows of the generated jOOQ tables; times in UTC. */
final class EventRows {

    private EventRows() {}

    static TranslationSessionRecord session(EventEnvelope envelope, LocalDateTime appliedAt) {
        SessionData session = (SessionData) envelope.data();
        return new TranslationSessionRecord()
                .setSessionId(session.sessionId())
                .setUserId(session.userId())
                .setStatus(session.status().wireName())
                .setSourceLanguage(session.sourceLanguage())
                .setTargetLanguage(session.targetLanguage())
                .setTitle(session.title())
                .setTotalTasks(session.totalTasks())
                .setCompletedTasks(session.completedTasks())
                .setFailedTasks(session.failedTasks())
                .setMetadata(json(session.metadata()))
                .setCreatedAt(utc(session.createdAt()))
                .setUpdatedAt(utc(session.updatedAt()))
                .setCompletedAt(utc(session.completedAt()))
                .setEventId(envelope.eventId().toString())
                .setAppliedAt(appliedAt);
    }

    static TranslationTaskRecord task(EventEnvelope envelope, LocalDateTime appliedAt) {
        TaskData task = (TaskData) envelope.data();
        return new TranslationTaskRecord()
                .setTaskId(task.taskId())
                .setSessionId(task.sessionId())
                .setSequence(task.sequence())
                .setStatus(task.status().wireName())
                .setSourceText(task.sourceText())
                .setTranslatedText(task.translatedText())
                .setErrorMessage(task.errorMessage())
                .setRetryCount(task.retryCount())
                .setMetadata(json(task.metadata()))
                .setCreatedAt(utc(task.createdAt()))
                .setUpdatedAt(utc(task.updatedAt()))
                .setCompletedAt(utc(task.completedAt()))
                .setEventId(envelope.eventId().toString())
                .setAppliedAt(appliedAt);
    }

    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static JSON json(JsonNode metadata) {
        return metadata == null ? null : JSON.valueOf(EventCodec.toJson(metadata));
    }
}
