package com.translation.pipeline.worker.write;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;

/** Events as rows of the generated jOOQ tables; times in UTC. */
final class EventRows {

    /**
     * The configuration the rows are made with. A record made with {@code new} has none, and jOOQ
     * then builds a default configuration and its settings anew for every value set: a gigabyte of
     * garbage a minute at full drain. The rows are only carriers of values, never executed.
     */
    private static final DSLContext ROWS = DSL.using(SQLDialect.MYSQL);

    private EventRows() {}

    static TranslationSessionRecord session(EventEnvelope envelope, LocalDateTime appliedAt) {
        SessionData session = (SessionData) envelope.data();
        return ROWS.newRecord(TRANSLATION_SESSION)
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
        return ROWS.newRecord(TRANSLATION_TASK)
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

    /**
     * The instant as a date and time in UTC; null for null. From the epoch second directly: on Java
     * 17 {@code LocalDateTime.ofInstant} builds the offset's rules anew on every call, 2 % of what
     * the worker allocated in a drain.
     */
    static LocalDateTime utc(Instant instant) {
        return instant == null
                ? null
                : LocalDateTime.ofEpochSecond(
                        instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    private static JSON json(JsonNode metadata) {
        return metadata == null ? null : JSON.valueOf(EventCodec.toJson(metadata));
    }
}
