package com.translation.pipeline.schema.db;

import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.DatabaseServer;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The delete protocol of {@link SessionDeletion} on a real server whose default isolation is READ
 * COMMITTED (the test servers'), where gap locks do not exist; one subclass per server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionDeletionIT {

    private static final LocalDateTime T0 = LocalDateTime.parse("2026-03-01T10:00:00");
    private static final Duration A_WHILE = Duration.ofMillis(700);

    private DataSource dataSource;
    private DSLContext db;

    abstract DatabaseServer server();

    @BeforeAll
    void migrate() {
        dataSource = server().createDatabase().dataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        db = DSL.using(dataSource, ServerDialect.of(dataSource), ServerDialect.settings());
    }

    @Test
    void theTestServerDefaultsToReadCommitted() {
        assertThat(db.fetchValue("SELECT @@transaction_isolation")).isEqualTo("READ-COMMITTED");
    }

    /**
     * The interleaving that resurrected deleted sessions under READ COMMITTED: a writer reads the
     * tombstones (none yet), a delete runs, then the writer writes an event older than the delete.
     * The delete must wait for the writer's transaction, then remove what it wrote.
     */
    @Test
    void aDeleteWaitsForTheWriterTransactionThatReadTheTombstonesThenRemovesWhatItWrote()
            throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            DSLContext writer =
                    DSL.using(connection, ServerDialect.of(dataSource), ServerDialect.settings());
            assertThat(SessionDeletion.tombstonesForWrite(writer, List.of("fence-1"))).isEmpty();

            CompletableFuture<SessionDeletion.Deleted> delete =
                    CompletableFuture.supplyAsync(
                            () -> SessionDeletion.delete(db, List.of("fence-1"), T0.plusHours(1)));
            Thread.sleep(A_WHILE.toMillis());
            assertThat(delete).as("the delete waits for the writer's transaction").isNotDone();

            insertSession(writer, "fence-1", T0);
            connection.commit();

            assertThat(delete.get(30, TimeUnit.SECONDS).sessions()).isEqualTo(1);
        }
        assertThat(sessionCount("fence-1")).isZero();
        assertThat(tombstone("fence-1")).isEqualTo(T0.plusHours(1));
    }

    /** Writers share the fence: two writer transactions never wait for each other on it. */
    @Test
    void writerTransactionsDoNotWaitForEachOther() throws Exception {
        try (Connection first = dataSource.getConnection();
                Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            SessionDeletion.tombstonesForWrite(
                    DSL.using(first, ServerDialect.of(dataSource)), List.of("w-1"));
            CompletableFuture<Void> other =
                    CompletableFuture.runAsync(
                            () ->
                                    SessionDeletion.tombstonesForWrite(
                                            DSL.using(second, ServerDialect.of(dataSource)),
                                            List.of("w-2")));
            other.get(5, TimeUnit.SECONDS);
            first.rollback();
            second.rollback();
        }
    }

    @Test
    void aWriterSeesTheTombstoneOfADeleteThatCommittedBeforeIt() {
        SessionDeletion.delete(db, List.of("seen-1"), T0.plusMinutes(5));

        Map<String, LocalDateTime> seen =
                db.transactionResult(
                        c -> SessionDeletion.tombstonesForWrite(c.dsl(), List.of("seen-1", "x")));

        assertThat(seen).containsExactly(Map.entry("seen-1", T0.plusMinutes(5)));
    }

    /**
     * With the pipeline's settings ({@link ServerDialect#settings()}) the writer's read pads its
     * list of sessions to a power of two, so the driver prepares each text once per connection: a
     * batch of any size still gets every tombstone of its own sessions, the last one too (the
     * padding repeats it), and no other.
     */
    @Test
    void aWriterFindsEveryTombstoneOfItsBatchWhateverItsSizeInFewStatementTexts() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            ids.add("pad-" + i);
        }
        List<String> deleted = List.of("pad-0", "pad-6", "pad-12", "pad-35", "pad-36");
        SessionDeletion.delete(db, deleted, T0.plusMinutes(9));
        Set<String> texts = ConcurrentHashMap.newKeySet();
        DSLContext recorded =
                db.configuration()
                        .derive(
                                new DefaultExecuteListenerProvider(
                                        new ExecuteListener() {
                                            @Override
                                            public void renderEnd(ExecuteContext ctx) {
                                                texts.add(ctx.sql());
                                            }
                                        }))
                        .dsl();

        try {
            for (int size = 1; size <= ids.size(); size++) {
                List<String> batch = ids.subList(0, size);
                Map<String, LocalDateTime> seen =
                        recorded.transactionResult(
                                c -> SessionDeletion.tombstonesForWrite(c.dsl(), batch));
                assertThat(seen.keySet())
                        .as("a batch of %d", size)
                        .containsExactlyInAnyOrderElementsOf(
                                deleted.stream().filter(batch::contains).toList());
                assertThat(seen.values()).containsOnly(T0.plusMinutes(9));
            }
            // 1, 2, 4, 8, 16, 32 and 64 ids: seven texts for 37 sizes.
            assertThat(texts).hasSize(7);
        } finally {
            // Other tests count what a purge removes.
            db.deleteFrom(SESSION_TOMBSTONE)
                    .where(SESSION_TOMBSTONE.SESSION_ID.in(deleted))
                    .execute();
        }
    }

    /**
     * Retention deletes only the candidates still expired inside its transaction, with a tombstone
     * at the newest version deleted (the session's or a task's), not at now.
     */
    @Test
    void aRetentionDeleteRechecksExpiryAndItsTombstoneCoversOnlyTheVersionsDeleted() {
        insertSession(db, "old-1", T0);
        insertTask(db, "old-1-t", "old-1", T0.plusMinutes(2));
        insertSession(db, "old-2", T0.plusMinutes(1));
        insertSession(db, "reopened", T0);
        Condition expired = TRANSLATION_SESSION.UPDATED_AT.lt(T0.plusHours(1));
        // Re-opened after it was picked as a candidate, before the delete ran.
        db.update(TRANSLATION_SESSION)
                .set(TRANSLATION_SESSION.UPDATED_AT, T0.plusHours(2))
                .where(TRANSLATION_SESSION.SESSION_ID.eq("reopened"))
                .execute();

        SessionDeletion.Expired removed =
                SessionDeletion.deleteExpired(
                        db, List.of("old-1", "old-2", "reopened"), expired, T0.plusDays(40));

        assertThat(removed.sessionIds()).containsExactlyInAnyOrder("old-1", "old-2");
        assertThat(removed.tasks()).isEqualTo(1);
        assertThat(sessionCount("reopened")).isEqualTo(1);
        assertThat(tombstone("old-1")).isEqualTo(T0.plusMinutes(2));
        assertThat(tombstone("old-2")).isEqualTo(T0.plusMinutes(1));
        assertThat(tombstone("reopened")).isNull();
    }

    @Test
    void aTombstoneNeverMovesBackAndIsPurgedByWhenItWasRecorded() {
        SessionDeletion.delete(db, List.of("keep-newer"), T0.plusHours(5));
        insertSession(db, "keep-newer", T0);
        SessionDeletion.deleteExpired(
                db, List.of("keep-newer"), DSL.trueCondition(), T0.plusDays(10));

        assertThat(tombstone("keep-newer")).isEqualTo(T0.plusHours(5));
        assertThat(SessionDeletion.purgeTombstones(db, T0.plusDays(10))).isZero();
        assertThat(SessionDeletion.purgeTombstones(db, T0.plusDays(10).plusSeconds(1)))
                .isPositive();
        assertThat(tombstone("keep-newer")).isNull();
    }

    private int sessionCount(String id) {
        return db.fetchCount(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID.eq(id));
    }

    private LocalDateTime tombstone(String id) {
        return db.select(SESSION_TOMBSTONE.DELETED_AT)
                .from(SESSION_TOMBSTONE)
                .where(SESSION_TOMBSTONE.SESSION_ID.eq(id))
                .fetchOne(SESSION_TOMBSTONE.DELETED_AT);
    }

    private static void insertSession(DSLContext db, String id, LocalDateTime updatedAt) {
        db.insertInto(TRANSLATION_SESSION)
                .set(TRANSLATION_SESSION.SESSION_ID, id)
                .set(TRANSLATION_SESSION.STATUS, "completed")
                .set(TRANSLATION_SESSION.CREATED_AT, T0)
                .set(TRANSLATION_SESSION.UPDATED_AT, updatedAt)
                .set(TRANSLATION_SESSION.EVENT_ID, UUID.randomUUID().toString())
                .set(TRANSLATION_SESSION.APPLIED_AT, updatedAt)
                .execute();
    }

    private static void insertTask(
            DSLContext db, String id, String sessionId, LocalDateTime updatedAt) {
        db.insertInto(TRANSLATION_TASK)
                .set(TRANSLATION_TASK.TASK_ID, id)
                .set(TRANSLATION_TASK.SESSION_ID, sessionId)
                .set(TRANSLATION_TASK.STATUS, "completed")
                .set(TRANSLATION_TASK.CREATED_AT, T0)
                .set(TRANSLATION_TASK.UPDATED_AT, updatedAt)
                .set(TRANSLATION_TASK.EVENT_ID, UUID.randomUUID().toString())
                .set(TRANSLATION_TASK.APPLIED_AT, updatedAt)
                .execute();
    }
}
