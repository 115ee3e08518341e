package com.translation.pipeline.query.cleanup;

import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
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
import org.springframework.stereotype.Component;

/**
 * Removes terminal sessions older than a number of days, with their tasks: a dry run counts and
 * samples; a real run deletes in chunks of {@code query.cleanup-chunk-size} sessions, one short
 * transaction each (tombstones first, like a delete), so no long lock is held. It also drops
 * tombstones older than {@code query.tombstone-retention}.
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
        Condition expired =
                TRANSLATION_SESSION
                        .STATUS
                        .in(statuses)
                        .and(
                                TRANSLATION_SESSION.UPDATED_AT.lt(
                                        LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC)));
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
        LocalDateTime deletedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        List<String> chunk;
        do {
            chunk = oldestIds(expired, properties.cleanupChunkSize());
            if (!chunk.isEmpty()) {
                SessionDeletion.Deleted removed = SessionDeletion.delete(db, chunk, deletedAt);
                sessions += removed.sessions();
                tasks += removed.tasks();
                chunks++;
            }
        } while (chunk.size() == properties.cleanupChunkSize());
        int purged =
                db.deleteFrom(SESSION_TOMBSTONE)
                        .where(
                                SESSION_TOMBSTONE.DELETED_AT.lt(
                                        LocalDateTime.ofInstant(
                                                now.minus(properties.tombstoneRetention()),
                                                ZoneOffset.UTC)))
                        .execute();
        return new Result(false, cutoff, statuses, sessions, tasks, chunks, sample, purged);
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
        if (requested == null || requested.isEmpty()) {
            return TERMINAL;
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
