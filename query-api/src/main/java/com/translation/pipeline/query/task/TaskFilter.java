package com.translation.pipeline.query.task;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.schema.event.TaskStatus;
import java.time.LocalDateTime;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** The filters of a task list; each absent one matches everything. */
public record TaskFilter(
        String sessionId,
        String status,
        LocalDateTime createdFrom,
        LocalDateTime createdTo,
        LocalDateTime updatedFrom,
        LocalDateTime updatedTo) {

    static final Set<String> STATUSES = Parameters.wireNames(TaskStatus.class);

    public static TaskFilter of(
            String sessionId,
            String status,
            String createdFrom,
            String createdTo,
            String updatedFrom,
            String updatedTo) {
        TaskFilter filter =
                new TaskFilter(
                        sessionId,
                        Parameters.oneOf("status", status, STATUSES),
                        Parameters.timestamp("created_from", createdFrom),
                        Parameters.timestamp("created_to", createdTo),
                        Parameters.timestamp("updated_from", updatedFrom),
                        Parameters.timestamp("updated_to", updatedTo));
        Parameters.range("created_from", filter.createdFrom, filter.createdTo);
        Parameters.range("updated_from", filter.updatedFrom, filter.updatedTo);
        return filter;
    }

    public static TaskFilter ofSession(String sessionId) {
        return new TaskFilter(sessionId, null, null, null, null, null);
    }

    /** Ranges are inclusive of {@code from} and exclusive of {@code to}. */
    Condition condition() {
        Condition condition = DSL.noCondition();
        if (sessionId != null) {
            condition = condition.and(TRANSLATION_TASK.SESSION_ID.eq(sessionId));
        }
        if (status != null) {
            condition = condition.and(TRANSLATION_TASK.STATUS.eq(status));
        }
        if (createdFrom != null) {
            condition = condition.and(TRANSLATION_TASK.CREATED_AT.ge(createdFrom));
        }
        if (createdTo != null) {
            condition = condition.and(TRANSLATION_TASK.CREATED_AT.lt(createdTo));
        }
        if (updatedFrom != null) {
            condition = condition.and(TRANSLATION_TASK.UPDATED_AT.ge(updatedFrom));
        }
        if (updatedTo != null) {
            condition = condition.and(TRANSLATION_TASK.UPDATED_AT.lt(updatedTo));
        }
        return condition;
    }

    String fingerprint() {
        return Integer.toHexString(toString().hashCode());
    }
}
