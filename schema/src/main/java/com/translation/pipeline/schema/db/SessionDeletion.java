package com.translation.pipeline.schema.db;

import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static com.translation.pipeline.schema.jooq.Tables.WRITE_FENCE;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The delete protocol, both sides of it: how query-api deletes sessions (explicitly or by
 * retention) and how writer-worker makes sure a deleted session does not come back.
 *
 * <p><b>Tombstones.</b> Deleting a session removes it and its tasks and leaves a tombstone whose
 * {@code deleted_at} is the newest version it covers: events whose {@code updated_at} is not after
 * it are ignored by the writer. An explicit delete covers everything up to now; a retention delete
 * covers only the versions it removed (the newest {@code updated_at} of the session and its tasks),
 * so an event newer than those, acknowledged before or after the cleanup, brings the session back.
 *
 * <p><b>Serialisation.</b> Every writer transaction first reads the one row of {@code write_fence}
 * in share mode ({@link #tombstonesForWrite}); every delete transaction first locks it exclusively.
 * A delete therefore waits for the writer transactions in flight and new ones wait for the delete,
 * so a writer either sees the tombstone or commits before the delete starts: a delete and an older
 * event cannot interleave into a resurrected row. These are record locks on an existing row, which
 * every isolation level takes, so the guarantee does not depend on the server's default isolation
 * (the gap locks of a {@code FOR UPDATE} on missing rows exist only under REPEATABLE READ). Writers
 * share the lock, so they never wait for each other here.
 *
 * <p><b>Counted.</b> A delete takes the fence by adding one to its {@code deletions} column, in the
 * same transaction as the deletes ({@link #deletions}): a read replica whose count has reached the
 * primary's holds every delete the primary had committed then.
 */
public final class SessionDeletion {

    private static final Byte FENCE_ROW = 1;

    private SessionDeletion() {}

    /** What a deletion removed. */
    public record Deleted(int sessions, int tasks) {}

    /**
     * What a retention deletion removed.
     *
     * @param sessionIds the sessions deleted: those of the candidates still expired in the deleting
     *     transaction
     * @param tasks tasks deleted with them
     */
    public record Expired(List<String> sessionIds, int tasks) {}

    /**
     * The writer's side: takes the fence in share mode and reads the tombstones of these sessions.
     * Must be the first statement of the writer's transaction ({@code tx}); no delete can commit
     * between it and that transaction's end.
     *
     * @return the tombstone's {@code deleted_at} (UTC) of each of these sessions that has one
     * @throws IllegalStateException when the fence row is missing (the schema is not migrated)
     */
    public static Map<String, LocalDateTime> tombstonesForWrite(
            DSLContext tx, Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            shareFence(tx);
            return Map.of();
        }
        // One statement, one round trip: the fence row joined with the sessions' tombstones, all
        // read as locking reads in share mode. The fence row is there whether or not a session
        // has a tombstone, so no row at all means no fence; a tombstone read this way is the
        // newest committed one, as the plain read that used to follow the fence lock saw it.
        var rows =
                tx.select(SESSION_TOMBSTONE.SESSION_ID, SESSION_TOMBSTONE.DELETED_AT)
                        .from(WRITE_FENCE)
                        .leftJoin(SESSION_TOMBSTONE)
                        .on(SESSION_TOMBSTONE.SESSION_ID.in(sessionIds))
                        .where(WRITE_FENCE.ID.eq(FENCE_ROW))
                        .forShare()
                        .fetch();
        if (rows.isEmpty()) {
            throw noFence();
        }
        Map<String, LocalDateTime> tombstones = new HashMap<>();
        for (var row : rows) {
            if (row.value1() != null) {
                tombstones.put(row.value1(), row.value2());
            }
        }
        return tombstones;
    }

    /**
     * An explicit delete: removes the sessions and their tasks in one transaction and leaves
     * tombstones dated {@code now}, so that events not newer than the delete, still in Kafka or
     * arriving later, do not bring them back. Sessions not stored yet get their tombstone too.
     *
     * @param now the delete's time, UTC, at most microseconds
     */
    public static Deleted delete(DSLContext db, Collection<String> sessionIds, LocalDateTime now) {
        return db.transactionResult(
                configuration -> {
                    DSLContext tx = configuration.dsl();
                    takeFenceForDelete(tx);
                    Map<String, LocalDateTime> versions = new LinkedHashMap<>();
                    sessionIds.forEach(id -> versions.put(id, now));
                    writeTombstones(tx, versions, now);
                    int tasks = deleteTasks(tx, sessionIds);
                    int sessions =
                            tx.deleteFrom(TRANSLATION_SESSION)
                                    .where(TRANSLATION_SESSION.SESSION_ID.in(sessionIds))
                                    .execute();
                    return new Deleted(sessions, tasks);
                });
    }

    /**
     * A retention delete of the {@code candidates} that still satisfy {@code expired} inside the
     * deleting transaction (a session re-opened since they were picked stays), each with a
     * tombstone at the newest {@code updated_at} of the rows deleted (the session's and its
     * tasks').
     *
     * @param expired a condition on {@code translation_session} (it may refer to its tasks)
     * @param now when the tombstones are recorded, UTC
     */
    public static Expired deleteExpired(
            DSLContext db, Collection<String> candidates, Condition expired, LocalDateTime now) {
        if (candidates.isEmpty()) {
            return new Expired(List.of(), 0);
        }
        return db.transactionResult(
                configuration -> {
                    DSLContext tx = configuration.dsl();
                    takeFenceForDelete(tx);
                    Field<LocalDateTime> newestTask =
                            DSL.field(
                                    DSL.select(DSL.max(TRANSLATION_TASK.UPDATED_AT))
                                            .from(TRANSLATION_TASK)
                                            .where(
                                                    TRANSLATION_TASK.SESSION_ID.eq(
                                                            TRANSLATION_SESSION.SESSION_ID)));
                    Map<String, LocalDateTime> versions =
                            tx.select(
                                            TRANSLATION_SESSION.SESSION_ID,
                                            DSL.greatest(
                                                    TRANSLATION_SESSION.UPDATED_AT,
                                                    DSL.coalesce(
                                                            newestTask,
                                                            TRANSLATION_SESSION.UPDATED_AT)))
                                    .from(TRANSLATION_SESSION)
                                    .where(TRANSLATION_SESSION.SESSION_ID.in(candidates))
                                    .and(expired)
                                    .orderBy(TRANSLATION_SESSION.SESSION_ID)
                                    .forUpdate()
                                    .fetchMap(Record2::value1, Record2::value2);
                    if (versions.isEmpty()) {
                        return new Expired(List.of(), 0);
                    }
                    writeTombstones(tx, versions, now);
                    int tasks = deleteTasks(tx, versions.keySet());
                    tx.deleteFrom(TRANSLATION_SESSION)
                            .where(TRANSLATION_SESSION.SESSION_ID.in(versions.keySet()))
                            .execute();
                    return new Expired(List.copyOf(versions.keySet()), tasks);
                });
    }

    /**
     * Drops tombstones recorded before {@code recordedBefore}; events older than them should no
     * longer be in Kafka.
     *
     * @return how many were dropped
     */
    public static int purgeTombstones(DSLContext db, LocalDateTime recordedBefore) {
        return db.deleteFrom(SESSION_TOMBSTONE)
                .where(SESSION_TOMBSTONE.RECORDED_AT.lt(recordedBefore))
                .execute();
    }

    /**
     * How many delete transactions {@code db} holds: on a replica, those it has applied.
     *
     * @throws IllegalStateException when the fence row is missing (migration V2 not applied)
     */
    public static long deletions(DSLContext db) {
        Long deletions =
                db.select(WRITE_FENCE.DELETIONS)
                        .from(WRITE_FENCE)
                        .where(WRITE_FENCE.ID.eq(FENCE_ROW))
                        .fetchOne(WRITE_FENCE.DELETIONS);
        if (deletions == null) {
            throw noFence();
        }
        return deletions;
    }

    private static void shareFence(DSLContext tx) {
        int rows =
                tx.select(WRITE_FENCE.ID)
                        .from(WRITE_FENCE)
                        .where(WRITE_FENCE.ID.eq(FENCE_ROW))
                        .forShare()
                        .fetch()
                        .size();
        if (rows != 1) {
            throw noFence();
        }
    }

    /** The delete's side: the fence locked exclusively by counting this delete on it. */
    private static void takeFenceForDelete(DSLContext tx) {
        int rows =
                tx.update(WRITE_FENCE)
                        .set(WRITE_FENCE.DELETIONS, WRITE_FENCE.DELETIONS.plus(1))
                        .where(WRITE_FENCE.ID.eq(FENCE_ROW))
                        .execute();
        if (rows != 1) {
            throw noFence();
        }
    }

    private static IllegalStateException noFence() {
        return new IllegalStateException(
                "write_fence has no row 1; the delete protocol needs migration V2");
    }

    /** Tombstones never move back: an existing newer one stays. */
    private static void writeTombstones(
            DSLContext tx, Map<String, LocalDateTime> versions, LocalDateTime now) {
        var insert =
                tx.insertInto(
                        SESSION_TOMBSTONE,
                        SESSION_TOMBSTONE.SESSION_ID,
                        SESSION_TOMBSTONE.DELETED_AT,
                        SESSION_TOMBSTONE.RECORDED_AT);
        for (Map.Entry<String, LocalDateTime> version : versions.entrySet()) {
            insert = insert.values(version.getKey(), version.getValue(), now);
        }
        insert.onDuplicateKeyUpdate()
                .set(
                        SESSION_TOMBSTONE.DELETED_AT,
                        DSL.greatest(
                                SESSION_TOMBSTONE.DELETED_AT,
                                DSL.excluded(SESSION_TOMBSTONE.DELETED_AT)))
                .set(SESSION_TOMBSTONE.RECORDED_AT, DSL.excluded(SESSION_TOMBSTONE.RECORDED_AT))
                .execute();
    }

    private static int deleteTasks(DSLContext tx, Collection<String> sessionIds) {
        return tx.deleteFrom(TRANSLATION_TASK)
                .where(TRANSLATION_TASK.SESSION_ID.in(sessionIds))
                .execute();
    }
}
