package com.translation.pipeline.worker.write;

import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.worker.apply.ReceivedEvent;
import com.translation.pipeline.worker.apply.RecordCoalescer.Coalesced;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.springframework.stereotype.Component;

/**
 * Writes a coalesced batch inside the caller's transaction: drops events older than their session's
 * delete tombstone or than the stored row, then one version-guarded upsert per table.
 *
 * <p>The tombstones are read with {@code FOR UPDATE} first: a concurrent delete (which inserts the
 * tombstone before deleting the rows) then waits for this transaction, or this one sees its
 * tombstone, so a delete and an older event cannot interleave into a resurrected row.
 */
@Component
public class EventWriter {

    private final DSLContext db;
    private final VersionedTable<TranslationSessionRecord> sessions =
            new VersionedTable<>(
                    TRANSLATION_SESSION,
                    TRANSLATION_SESSION.SESSION_ID,
                    TRANSLATION_SESSION.UPDATED_AT);
    private final VersionedTable<TranslationTaskRecord> tasks =
            new VersionedTable<>(
                    TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID, TRANSLATION_TASK.UPDATED_AT);

    EventWriter(DSLContext db) {
        this.db = db;
    }

    /**
     * What a write did.
     *
     * @param applied the events written
     * @param stale events older than the stored row
     * @param deleted events older than their session's delete
     * @param statements SQL statements issued
     */
    public record Outcome(List<ReceivedEvent> applied, int stale, int deleted, int statements) {}

    public Outcome write(Coalesced batch, Instant now) {
        LocalDateTime appliedAt = EventRows.utc(now);
        Tally tally = new Tally();
        Map<String, LocalDateTime> tombstones = tombstones(batch, tally);
        List<ReceivedEvent> applied = new ArrayList<>();
        applied.addAll(
                write(
                        sessions,
                        batch.sessions(),
                        tombstones,
                        data -> ((SessionData) data).sessionId(),
                        event -> EventRows.session(event.envelope(), appliedAt),
                        tally));
        applied.addAll(
                write(
                        tasks,
                        batch.tasks(),
                        tombstones,
                        data -> ((TaskData) data).taskId(),
                        event -> EventRows.task(event.envelope(), appliedAt),
                        tally));
        return new Outcome(applied, tally.stale, tally.deleted, tally.statements);
    }

    private Map<String, LocalDateTime> tombstones(Coalesced batch, Tally tally) {
        Set<String> sessionIds = new TreeSet<>();
        batch.sessions().forEach(e -> sessionIds.add(e.envelope().key()));
        batch.tasks().forEach(e -> sessionIds.add(e.envelope().key()));
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        tally.statements++;
        return db.select(SESSION_TOMBSTONE.SESSION_ID, SESSION_TOMBSTONE.DELETED_AT)
                .from(SESSION_TOMBSTONE)
                .where(SESSION_TOMBSTONE.SESSION_ID.in(sessionIds))
                .forUpdate()
                .fetchMap(SESSION_TOMBSTONE.SESSION_ID, SESSION_TOMBSTONE.DELETED_AT);
    }

    private <R extends TableRecord<R>> List<ReceivedEvent> write(
            VersionedTable<R> table,
            List<ReceivedEvent> events,
            Map<String, LocalDateTime> tombstones,
            Function<EventData, String> idOf,
            Function<ReceivedEvent, R> toRow,
            Tally tally) {
        List<ReceivedEvent> alive = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            LocalDateTime deletedAt = tombstones.get(event.envelope().key());
            if (deletedAt != null && !version(event).isAfter(deletedAt)) {
                tally.deleted++;
            } else {
                alive.add(event);
            }
        }
        if (alive.isEmpty()) {
            return List.of();
        }
        Map<String, LocalDateTime> stored =
                table.storedVersions(
                        db, alive.stream().map(e -> idOf.apply(e.envelope().data())).toList());
        tally.statements++;
        List<ReceivedEvent> fresh = new ArrayList<>(alive.size());
        List<R> rows = new ArrayList<>(alive.size());
        for (ReceivedEvent event : alive) {
            LocalDateTime current = stored.get(idOf.apply(event.envelope().data()));
            if (current != null && version(event).isBefore(current)) {
                tally.stale++;
            } else {
                fresh.add(event);
                rows.add(toRow.apply(event));
            }
        }
        if (!rows.isEmpty()) {
            table.upsert(db, rows);
            tally.statements++;
        }
        return fresh;
    }

    private static LocalDateTime version(ReceivedEvent event) {
        return EventRows.utc(event.envelope().data().updatedAt());
    }

    private static final class Tally {
        private int stale;
        private int deleted;
        private int statements;
    }
}
