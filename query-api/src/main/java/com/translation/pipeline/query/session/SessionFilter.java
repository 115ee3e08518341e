package com.translation.pipeline.query.session;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;

import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.query.web.TimeRange;
import com.translation.pipeline.schema.event.SessionStatus;
import java.util.Set;
import org.jooq.Condition;

/** The filters of a session list; each absent one matches everything. */
public record SessionFilter(
        Set<String> statuses, String userId, TimeRange created, TimeRange updated) {

    static final Set<String> STATUSES = Parameters.wireNames(SessionStatus.class);
    static final Set<String> INCOMPLETE =
            Set.of(
                    SessionStatus.PENDING.wireName(),
                    SessionStatus.RUNNING.wireName(),
                    SessionStatus.PAUSED.wireName());

    public static SessionFilter of(
            String status,
            String userId,
            String createdFrom,
            String createdTo,
            String updatedFrom,
            String updatedTo) {
        String checked = Parameters.oneOf("status", status, STATUSES);
        return new SessionFilter(
                checked == null ? Set.of() : Set.of(checked),
                Parameters.userId(userId),
                TimeRange.parse("created", createdFrom, createdTo),
                TimeRange.parse("updated", updatedFrom, updatedTo));
    }

    /** Sessions a backend must pick up again after its restart: pending, running or paused. */
    public static SessionFilter incomplete(String userId, String updatedFrom, String updatedTo) {
        return new SessionFilter(
                INCOMPLETE,
                Parameters.userId(userId),
                TimeRange.ANY,
                TimeRange.parse("updated", updatedFrom, updatedTo));
    }

    Condition condition() {
        Condition condition =
                created.on(TRANSLATION_SESSION.CREATED_AT)
                        .and(updated.on(TRANSLATION_SESSION.UPDATED_AT));
        if (!statuses.isEmpty()) {
            condition = condition.and(TRANSLATION_SESSION.STATUS.in(statuses));
        }
        if (userId != null) {
            condition = condition.and(TRANSLATION_SESSION.USER_ID.eq(userId));
        }
        return condition;
    }

    /** Identifies the filters inside a cursor, so it is not replayed against other ones. */
    String fingerprint() {
        return Integer.toHexString(toString().hashCode());
    }
}
