package com.translation.pipeline.schema.db;

import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import java.time.LocalDateTime;
import java.util.Collection;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Deletes sessions with their tasks in one transaction and leaves a tombstone for each, so that
 * events not newer than the delete, still in Kafka or arriving later, do not bring them back. The
 * tombstone is written first: the writer reads tombstones {@code FOR UPDATE} before its upserts, so
 * a delete and a batch serialise instead of interleaving. The one implementation of the protocol,
 * used by query-api's delete and cleanup and by the writer's tests.
 */
public final class SessionDeletion {

    private SessionDeletion() {}

    /** What a deletion removed. */
    public record Deleted(int sessions, int tasks) {}

    public static Deleted delete(
            DSLContext db, Collection<String> sessionIds, LocalDateTime deletedAt) {
        return db.transactionResult(
                configuration -> {
                    DSLContext tx = configuration.dsl();
                    var tombstones =
                            tx.insertInto(
                                    SESSION_TOMBSTONE,
                                    SESSION_TOMBSTONE.SESSION_ID,
                                    SESSION_TOMBSTONE.DELETED_AT);
                    for (String id : sessionIds) {
                        tombstones = tombstones.values(id, deletedAt);
                    }
                    tombstones
                            .onDuplicateKeyUpdate()
                            .set(
                                    SESSION_TOMBSTONE.DELETED_AT,
                                    DSL.greatest(
                                            SESSION_TOMBSTONE.DELETED_AT,
                                            DSL.excluded(SESSION_TOMBSTONE.DELETED_AT)))
                            .execute();
                    int tasks =
                            tx.deleteFrom(TRANSLATION_TASK)
                                    .where(TRANSLATION_TASK.SESSION_ID.in(sessionIds))
                                    .execute();
                    int sessions =
                            tx.deleteFrom(TRANSLATION_SESSION)
                                    .where(TRANSLATION_SESSION.SESSION_ID.in(sessionIds))
                                    .execute();
                    return new Deleted(sessions, tasks);
                });
    }
}
