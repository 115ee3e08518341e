package com.translation.pipeline.query.task;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.query.web.TimeRange;
import com.translation.pipeline.schema.event.TaskStatus;
import java.util.Set;
import org.jooq.Condition;

/** The filters of a task list; each absent one matches everything. */
public record TaskFilter(String sessionId, String status, TimeRange created, TimeRange updated) {

    static final Set<String> STATUSES = Parameters.wireNames(TaskStatus.class);

    public static TaskFilter of(
            String sessionId,
            String status,
            String createdFrom,
            String createdTo,
            String updatedFrom,
            String updatedTo) {
        return new TaskFilter(
                Parameters.id("session_id", sessionId),
                Parameters.oneOf("status", status, STATUSES),
                TimeRange.parse("created", createdFrom, createdTo),
                TimeRange.parse("updated", updatedFrom, updatedTo));
    }

    public static TaskFilter ofSession(String sessionId) {
        return new TaskFilter(sessionId, null, TimeRange.ANY, TimeRange.ANY);
    }

    Condition condition() {
        Condition condition =
                created.on(TRANSLATION_TASK.CREATED_AT)
                        .and(updated.on(TRANSLATION_TASK.UPDATED_AT));
        if (sessionId != null) {
            condition = condition.and(TRANSLATION_TASK.SESSION_ID.eq(sessionId));
        }
        if (status != null) {
            condition = condition.and(TRANSLATION_TASK.STATUS.eq(status));
        }
        return condition;
    }

    /** Identifies the filters inside a cursor, so it is not replayed against other ones. */
    String fingerprint() {
        return Integer.toHexString(toString().hashCode());
    }
}
