package com.translation.pipeline.query.session;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;

import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.schema.event.SessionStatus;
import java.time.LocalDateTime;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** The filters of a session list; each absent one matches everything. */
public record SessionFilter(
        Set<String> statuses,
        String userId,
        LocalDateTime createdFrom,
        LocalDateTime createdTo,
        LocalDateTime updatedFrom,
        LocalDateTime updatedTo) {

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
        SessionFilter filter =
                new SessionFilter(
                        checked == null ? Set.of() : Set.of(checked),
                        userId,
                        Parameters.timestamp("created_from", createdFrom),
                        Parameters.timestamp("created_to", createdTo),
                        Parameters.timestamp("updated_from", updatedFrom),
                        Parameters.timestamp("updated_to", updatedTo));
        Parameters.range("created_from", filter.createdFrom, filter.createdTo);
        Parameters.range("updated_from", filter.updatedFrom, filter.updatedTo);
        return filter;
    }

    /** Sessions a backend must pick up again after its restart: pending, running or paused. */
    public static SessionFilter incomplete(String userId, String updatedFrom, String updatedTo) {
        SessionFilter filter =
                new SessionFilter(
                        INCOMPLETE,
                        userId,
                        null,
                        null,
                        Parameters.timestamp("updated_from", updatedFrom),
                        Parameters.timestamp("updated_to", updatedTo));
        Parameters.range("updated_from", filter.updatedFrom, filter.updatedTo);
        return filter;
    }

    /** Ranges are inclusive of {@code from} and exclusive of {@code to}. */
    Condition condition() {
        Condition condition = DSL.noCondition();
        if (!statuses.isEmpty()) {
            condition = condition.and(TRANSLATION_SESSION.STATUS.in(statuses));
        }
        if (userId != null) {
            condition = condition.and(TRANSLATION_SESSION.USER_ID.eq(userId));
        }
        if (createdFrom != null) {
            condition = condition.and(TRANSLATION_SESSION.CREATED_AT.ge(createdFrom));
        }
        if (createdTo != null) {
            condition = condition.and(TRANSLATION_SESSION.CREATED_AT.lt(createdTo));
        }
        if (updatedFrom != null) {
            condition = condition.and(TRANSLATION_SESSION.UPDATED_AT.ge(updatedFrom));
        }
        if (updatedTo != null) {
            condition = condition.and(TRANSLATION_SESSION.UPDATED_AT.lt(updatedTo));
        }
        return condition;
    }

    /** Identifies the filters inside a cursor, so it is not replayed against other ones. */
    String fingerprint() {
        return Integer.toHexString(toString().hashCode());
    }
}
