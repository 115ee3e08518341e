package com.translation.pipeline.query.cleanup;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.web.InvalidParameterException;
import com.translation.pipeline.schema.db.SessionDeletion;
import com.translation.pipeline.schema.event.SessionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Removes terminal sessions older than a number of days, with their tasks: a dry run counts and
 * samples; a real run picks candidates in chunks of {@code query.cleanup-chunk-size} sessions and
 * deletes each chunk in one short transaction of the delete protocol ({@link
 * SessionDeletion#deleteExpired}), which re-checks the expiry inside that transaction and leaves
 * tombstones that cover only the versions deleted. It also drops tombstones recorded more than
 * {@code query.tombstone-retention} ago.
 */
@Component
class RetentionCleaner {

    static final List<String> TERMINAL =
            Arrays.stream(SessionStatus.values())
                    .filter(SessionStatus::isTerminal)
                    .map(SessionStatus::wireName)
                    .toList();

    private final DSLContext db;
    private final QueryProperties properties;
    private final Clock clock;

    RetentionCleaner(DSLContext db, QueryProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    record Result(
            boolean dryRun,
            Instant olderThan,
            List<String> statuses,
            int sessions,
            int tasks,
            int chunks,
            List<String> sampleIds,
            int tombstonesPurged) {}

    Result clean(CleanupRequest request) {
        List<String> statuses = statuses(request.statuses());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = now.minus(request.olderThanDays(), ChronoUnit.DAYS);
        Condition expired = expired(statuses, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC));
        List<String> sample = oldestIds(expired, properties.cleanupSampleSize());
        if (request.dryRun() == null || request.dryRun()) {
            int sessions = db.fetchCount(TRANSLATION_SESSION, expired);
            int tasks =
                    db.fetchCount(
                            TRANSLATION_TASK,
                            TRANSLATION_TASK.SESSION_ID.in(
                                    db.select(TRANSLATION_SESSION.SESSION_ID)
                                            .from(TRANSLATION_SESSION)
                                            .where(expired)));
            return new Result(true, cutoff, statuses, sessions, tasks, 0, sample, 0);
        }
        int sessions = 0;
        int tasks = 0;
        int chunks = 0;
        LocalDateTime recordedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        List<String> candidates;
        do {
            candidates = oldestIds(expired, properties.cleanupChunkSize());
            if (!candidates.isEmpty()) {
                SessionDeletion.Expired removed =
                        SessionDeletion.deleteExpired(db, candidates, expired, recordedAt);
                sessions += removed.sessionIds().size();
                tasks += removed.tasks();
                chunks++;
            }
        } while (candidates.size() == properties.cleanupChunkSize());
        int purged =
                SessionDeletion.purgeTombstones(
                        db,
                        LocalDateTime.ofInstant(
                                now.minus(properties.tombstoneRetention()), ZoneOffset.UTC));
        return new Result(false, cutoff, statuses, sessions, tasks, chunks, sample, purged);
    }

    /**
     * A session has expired when its status is one of {@code statuses} and neither it nor any of
     * its tasks was updated at or after {@code cutoff}: a session with recent task activity is not
     * old.
     */
    private static Condition expired(List<String> statuses, LocalDateTime cutoff) {
        return TRANSLATION_SESSION
                .STATUS
                .in(statuses)
                .and(TRANSLATION_SESSION.UPDATED_AT.lt(cutoff))
                .andNotExists(
                        DSL.selectOne()
                                .from(TRANSLATION_TASK)
                                .where(
                                        TRANSLATION_TASK.SESSION_ID.eq(
                                                TRANSLATION_SESSION.SESSION_ID))
                                .and(TRANSLATION_TASK.UPDATED_AT.ge(cutoff)));
    }

    private List<String> oldestIds(Condition expired, int limit) {
        return db.select(TRANSLATION_SESSION.SESSION_ID)
                .from(TRANSLATION_SESSION)
                .where(expired)
                .orderBy(TRANSLATION_SESSION.UPDATED_AT, TRANSLATION_SESSION.SESSION_ID)
                .limit(limit)
                .fetch(TRANSLATION_SESSION.SESSION_ID);
    }

    private static List<String> statuses(List<String> requested) {
        if (requested == null) {
            return TERMINAL;
        }
        if (requested.isEmpty()) {
            // Asked for no status, a caller would not expect every terminal session to go.
            throw new InvalidParameterException(
                    "statuses",
                    "name at least one status, or leave the field out for all terminal ones: "
                            + String.join(", ", TERMINAL));
        }
        for (String status : requested) {
            if (!TERMINAL.contains(status)) {
                throw new InvalidParameterException(
                        "statuses",
                        "only terminal statuses can be cleaned up: " + String.join(", ", TERMINAL));
            }
        }
        return List.copyOf(requested);
    }
}
