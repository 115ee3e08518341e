package com.translation.pipeline.worker.write;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.schema.db.SessionDeletion;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.worker.WorkerProperties;
import com.translation.pipeline.worker.apply.ReceivedEvent;
import com.translation.pipeline.worker.apply.RecordCoalescer.Coalesced;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.springframework.stereotype.Component;

/**
 * Writes a coalesced batch inside the caller's transaction: drops events not newer than their
 * session's delete tombstone or older than the stored row, then version-guarded upserts per table,
 * in statements bounded by rows and by the server's packet size.
 *
 * <p>The tombstones are read through {@link SessionDeletion#tombstonesForWrite}, the writer's side
 * of the delete protocol, as the transaction's first statement.
 *
 * <p>A statement the database refuses for a row's content ({@link DatabaseRefusal}) is taken apart:
 * its rows are written one by one, and those refused alone are returned, with the database's error,
 * for the dead-letter topic; the others are written. Any other error is thrown.
 */
@Component
public class EventWriter {

    private final DSLContext db;
    private final StatementLimits limits;
    private final VersionedTable<TranslationSessionRecord> sessions =
            new VersionedTable<>(
                    TRANSLATION_SESSION,
                    TRANSLATION_SESSION.SESSION_ID,
                    TRANSLATION_SESSION.UPDATED_AT);
    private final VersionedTable<TranslationTaskRecord> tasks =
            new VersionedTable<>(
                    TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID, TRANSLATION_TASK.UPDATED_AT);

    EventWriter(DSLContext db, WorkerProperties properties) {
        this.db = db;
        this.limits =
                new StatementLimits(
                        properties.maxStatementRows(), properties.maxStatementBytes().toBytes());
    }

    /**
     * An event the database refused for what it contains.
     *
     * @param event the event
     * @param error the database's error for the event alone in its statement
     */
    public record Refused(ReceivedEvent event, SQLException error) {}

    /**
     * What a write did.
     *
     * @param applied the events written: each went through the guarded upsert, which keeps a stored
     *     row newer than the event as it is
     * @param deleted events not newer than their session's delete
     * @param refused events the database refused, each alone
     * @param statements SQL statements issued
     */
    public record Outcome(
            List<ReceivedEvent> applied, int deleted, List<Refused> refused, int statements) {}

    /**
     * @param now the time written to {@code applied_at}
     * @throws RuntimeException on any database error other than a refused row
     */
    public Outcome write(Coalesced batch, Instant now) {
        LocalDateTime appliedAt = EventRows.utc(now);
        Tally tally = new Tally();
        // Any order: the read of the tombstones looks each up by key.
        Set<String> sessionIds = new HashSet<>();
        batch.sessions().forEach(e -> sessionIds.add(e.envelope().key()));
        batch.tasks().forEach(e -> sessionIds.add(e.envelope().key()));
        Map<String, LocalDateTime> tombstones = SessionDeletion.tombstonesForWrite(db, sessionIds);
        tally.statements++;
        List<ReceivedEvent> applied = new ArrayList<>();
        applied.addAll(
                write(
                        sessions,
                        batch.sessions(),
                        tombstones,
                        event -> EventRows.session(event.envelope(), appliedAt),
                        tally));
        applied.addAll(
                write(
                        tasks,
                        batch.tasks(),
                        tombstones,
                        event -> EventRows.task(event.envelope(), appliedAt),
                        tally));
        uncertainRefusalsNeedAWrittenRow(applied, tally);
        return new Outcome(applied, tally.deleted, tally.refused, tally.statements);
    }

    /**
     * An error that is not certainly about a row's content (see {@link DatabaseRefusal}) counts as
     * a refusal only when other rows of the batch were written: when none could be, it is taken for
     * a failure of the database, thrown, and the batch waits and is tried again.
     */
    private static void uncertainRefusalsNeedAWrittenRow(List<ReceivedEvent> applied, Tally tally) {
        if (!applied.isEmpty()) {
            return;
        }
        for (Refused refused : tally.refused) {
            if (!DatabaseRefusal.isCertain(refused.error())) {
                throw new IllegalStateException(
                        "the database refused every row of the batch with "
                                + refused.error().getMessage()
                                + "; waiting for it to take them",
                        refused.error());
            }
        }
    }

    private <R extends TableRecord<R>> List<ReceivedEvent> write(
            VersionedTable<R> table,
            List<ReceivedEvent> events,
            Map<String, LocalDateTime> tombstones,
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
        // No read of the stored versions first: the guarded upsert leaves a newer stored row as
        // it is, and the read cost the database a lookup per key and the worker a statement.
        Map<R, ReceivedEvent> fresh = new IdentityHashMap<>();
        List<R> rows = new ArrayList<>(alive.size());
        for (ReceivedEvent event : alive) {
            R row = toRow.apply(event);
            rows.add(row);
            fresh.put(row, event);
        }
        List<ReceivedEvent> written = new ArrayList<>(rows.size());
        long maxBytes = limits.maxBytes(db);
        for (List<R> chunk : limits.chunks(rows, maxBytes)) {
            if (chunk.size() == 1 && StatementLimits.bytesExactly(chunk.get(0)) > maxBytes) {
                tally.refused.add(new Refused(fresh.get(chunk.get(0)), tooLarge(chunk, maxBytes)));
                continue;
            }
            Optional<SQLException> refusal = upsert(table, chunk, tally);
            if (refusal.isEmpty()) {
                chunk.forEach(row -> written.add(fresh.get(row)));
            } else if (chunk.size() == 1) {
                tally.refused.add(new Refused(fresh.get(chunk.get(0)), refusal.get()));
            } else {
                for (R row : chunk) {
                    Optional<SQLException> alone = upsert(table, List.of(row), tally);
                    if (alone.isEmpty()) {
                        written.add(fresh.get(row));
                    } else {
                        tally.refused.add(new Refused(fresh.get(row), alone.get()));
                    }
                }
            }
        }
        return written;
    }

    /** Runs one upsert; a refusal of the rows' content is returned, any other error thrown. */
    private <R extends TableRecord<R>> Optional<SQLException> upsert(
            VersionedTable<R> table, List<R> rows, Tally tally) {
        try {
            tally.statements += table.upsert(db, rows);
            return Optional.empty();
        } catch (RuntimeException e) {
            tally.statements++;
            // jOOQ's DataAccessException, or Spring's where its translator recognised the error.
            if (DatabaseRefusal.isPacketTooLarge(e)) {
                limits.refresh();
                throw e;
            }
            return Optional.of(DatabaseRefusal.of(e).orElseThrow(() -> e));
        }
    }

    private static SQLException tooLarge(List<? extends TableRecord<?>> chunk, long maxBytes) {
        return new SQLException(
                "The row takes "
                        + StatementLimits.bytesExactly(chunk.get(0))
                        + " bytes as SQL, more than the "
                        + maxBytes
                        + " bytes a statement may carry on this server (max_allowed_packet less"
                        + " a reserve for the statement's text)",
                "22001");
    }

    private static LocalDateTime version(ReceivedEvent event) {
        return EventRows.utc(event.envelope().data().updatedAt());
    }

    private static final class Tally {
        private int deleted;
        private int statements;
        private final List<Refused> refused = new ArrayList<>();
    }
}
