package com.translation.pipeline.schema.db;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.TestDatabase;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The migrations and the generated jOOQ classes against a real server; one subclass per server
 * (MariaDB 11.4, MySQL 8.0.31, MySQL 8.4 where Docker exists).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SchemaMigrationIT {

    private static final LocalDateTime T0 = LocalDateTime.parse("2026-03-01T10:00:00.123456");

    private DataSource dataSource;
    private DSLContext db;

    abstract DatabaseServer server();

    abstract SQLDialect expectedDialect();

    @BeforeAll
    void migrateFreshDatabase() {
        TestDatabase database = server().createDatabase();
        dataSource = database.dataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        db = DSL.using(dataSource, ServerDialect.of(dataSource), ServerDialect.settings());
    }

    @Test
    void migrationsApplyCleanlyAndValidate() {
        Flyway flyway = Flyway.configure().dataSource(dataSource).load();

        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied)
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getState().isApplied()).isTrue());
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(db.meta().getTables())
                .extracting(table -> table.getName())
                .contains(
                        "translation_session",
                        "translation_task",
                        "consumer_offset",
                        "session_tombstone");
    }

    @Test
    void dialectFollowsTheConnectedServer() {
        assertThat(ServerDialect.of(dataSource)).isEqualTo(expectedDialect());
    }

    @Test
    void sessionAtEveryColumnLimitRoundTripsThroughGeneratedClasses() {
        TranslationSessionRecord session =
                db.newRecord(TRANSLATION_SESSION)
                        .setSessionId("S".repeat(64))
                        .setUserId("u".repeat(64))
                        .setStatus("completed")
                        .setSourceLanguage("l".repeat(35))
                        .setTargetLanguage("zh-Hans")
                        .setTitle("题".repeat(511) + "😀")
                        .setTotalTasks(Integer.MAX_VALUE)
                        .setCompletedTasks(0)
                        .setFailedTasks(0)
                        .setMetadata(JSON.valueOf(largestMetadata()))
                        .setCreatedAt(T0)
                        .setUpdatedAt(T0.plusNanos(1_000))
                        .setCompletedAt(T0.plusSeconds(1))
                        .setEventId(UUID.randomUUID().toString())
                        .setAppliedAt(T0.plusSeconds(2));
        session.store();

        TranslationSessionRecord stored =
                db.selectFrom(TRANSLATION_SESSION)
                        .where(TRANSLATION_SESSION.SESSION_ID.eq("S".repeat(64)))
                        .fetchSingle();
        assertThat(stored.getTitle()).isEqualTo(session.getTitle());
        assertThat(stored.getUpdatedAt()).isEqualTo(T0.plusNanos(1_000));
        assertThat(stored.getTotalTasks()).isEqualTo(Integer.MAX_VALUE);
        assertThat(stored.getMetadata().data().replace(" ", ""))
                .isEqualTo(session.getMetadata().data().replace(" ", ""));
    }

    @Test
    void taskWithTextsAtTheirByteLimitsRoundTrips() {
        String fourByteText = "😀".repeat(262144 / 4);
        String errorMessage = "é".repeat(16384 / 2);
        TranslationTaskRecord task =
                db.newRecord(TRANSLATION_TASK)
                        .setTaskId("t-limits")
                        .setSessionId("s-limits")
                        .setSequence(0)
                        .setStatus("failed")
                        .setSourceText(fourByteText)
                        .setTranslatedText(fourByteText)
                        .setErrorMessage(errorMessage)
                        .setRetryCount(3)
                        .setCreatedAt(T0)
                        .setUpdatedAt(T0)
                        .setEventId(UUID.randomUUID().toString())
                        .setAppliedAt(T0);
        task.store();

        TranslationTaskRecord stored =
                db.selectFrom(TRANSLATION_TASK)
                        .where(TRANSLATION_TASK.TASK_ID.eq("t-limits"))
                        .fetchSingle();
        assertThat(stored.getSourceText()).isEqualTo(fourByteText);
        assertThat(stored.getTranslatedText()).isEqualTo(fourByteText);
        assertThat(stored.getErrorMessage()).isEqualTo(errorMessage);
    }

    @Test
    void taskMayBeStoredBeforeItsSession() {
        db.insertInto(TRANSLATION_TASK)
                .set(TRANSLATION_TASK.TASK_ID, "t-orphan")
                .set(TRANSLATION_TASK.SESSION_ID, "s-not-yet")
                .set(TRANSLATION_TASK.STATUS, "pending")
                .set(TRANSLATION_TASK.CREATED_AT, T0)
                .set(TRANSLATION_TASK.UPDATED_AT, T0)
                .set(TRANSLATION_TASK.EVENT_ID, UUID.randomUUID().toString())
                .set(TRANSLATION_TASK.APPLIED_AT, T0)
                .execute();

        assertThat(db.fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.SESSION_ID.eq("s-not-yet")))
                .isEqualTo(1);
    }

    @Test
    void idsAreCaseSensitive() {
        for (String id : List.of("case-id", "CASE-ID")) {
            db.insertInto(SESSION_TOMBSTONE)
                    .set(SESSION_TOMBSTONE.SESSION_ID, id)
                    .set(SESSION_TOMBSTONE.DELETED_AT, T0)
                    .set(SESSION_TOMBSTONE.RECORDED_AT, T0)
                    .execute();
        }

        assertThat(db.fetchCount(SESSION_TOMBSTONE, SESSION_TOMBSTONE.SESSION_ID.eq("case-id")))
                .isEqualTo(1);
        assertThat(
                        db.fetchCount(
                                SESSION_TOMBSTONE,
                                SESSION_TOMBSTONE.SESSION_ID.in("case-id", "CASE-ID")))
                .isEqualTo(2);
    }

    @Test
    void offsetsAreKeptPerGroupTopicAndPartition() {
        for (int partition = 0; partition < 3; partition++) {
            db.insertInto(CONSUMER_OFFSET)
                    .set(CONSUMER_OFFSET.CONSUMER_GROUP, "writer")
                    .set(CONSUMER_OFFSET.TOPIC, "translation.sessions.v1")
                    .set(CONSUMER_OFFSET.KAFKA_PARTITION, partition)
                    .set(CONSUMER_OFFSET.NEXT_OFFSET, 1_000_000_000_000L + partition)
                    .set(CONSUMER_OFFSET.UPDATED_AT, T0)
                    .execute();
        }

        assertThat(
                        db.select(CONSUMER_OFFSET.NEXT_OFFSET)
                                .from(CONSUMER_OFFSET)
                                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq("writer"))
                                .orderBy(CONSUMER_OFFSET.KAFKA_PARTITION)
                                .fetch(CONSUMER_OFFSET.NEXT_OFFSET))
                .containsExactly(1_000_000_000_000L, 1_000_000_000_001L, 1_000_000_000_002L);
    }

    /**
     * A server with old defaults creates latin1 databases (MariaDB up to 11.5); the migrations give
     * every free-text column utf8mb4 anyway, so no character becomes {@code ?}. Rows written before
     * V3 keep their text.
     */
    @Test
    void freeTextColumnsHoldAllOfUnicodeEvenInALatin1DatabaseAndV3KeepsEarlierRows() {
        DataSource latin1 = server().createDatabase("latin1").dataSource();
        Flyway.configure()
                .dataSource(latin1)
                .target(org.flywaydb.core.api.MigrationVersion.fromVersion("2"))
                .load()
                .migrate();
        DSLContext before = DSL.using(latin1, ServerDialect.of(latin1), ServerDialect.settings());
        insertSession(before, "before-v3", "café-user", "Crème brûlée");

        Flyway.configure().dataSource(latin1).load().migrate();
        DSLContext after = DSL.using(latin1, ServerDialect.of(latin1), ServerDialect.settings());
        String title = "题 😀 \u0000 Ω \u2028 end  ";
        insertSession(after, "after-v3", "用户-😀", title);

        assertThat(titleAndUser(after, "before-v3")).containsExactly("Crème brûlée", "café-user");
        assertThat(titleAndUser(after, "after-v3")).containsExactly(title, "用户-😀");
    }

    /** Each user_id matches only itself: no case folding, no accent folding, no space padding. */
    @Test
    void userIdsMatchOnlyThemselvesByteForByte() {
        List<String> userIds = List.of("abc-R", "ABC-R", "abc-R ", "abcé-R", "abce\u0301-R");
        for (int i = 0; i < userIds.size(); i++) {
            insertSession(db, "exact-" + i, userIds.get(i), null);
        }

        for (int i = 0; i < userIds.size(); i++) {
            assertThat(
                            db.select(TRANSLATION_SESSION.SESSION_ID)
                                    .from(TRANSLATION_SESSION)
                                    .where(TRANSLATION_SESSION.USER_ID.eq(userIds.get(i)))
                                    .fetch(TRANSLATION_SESSION.SESSION_ID))
                    .as("user_id %s", userIds.get(i))
                    .containsExactly("exact-" + i);
        }
    }

    private static void insertSession(DSLContext db, String id, String userId, String title) {
        db.insertInto(TRANSLATION_SESSION)
                .set(TRANSLATION_SESSION.SESSION_ID, id)
                .set(TRANSLATION_SESSION.USER_ID, userId)
                .set(TRANSLATION_SESSION.STATUS, "running")
                .set(TRANSLATION_SESSION.TITLE, title)
                .set(TRANSLATION_SESSION.CREATED_AT, T0)
                .set(TRANSLATION_SESSION.UPDATED_AT, T0)
                .set(TRANSLATION_SESSION.EVENT_ID, UUID.randomUUID().toString())
                .set(TRANSLATION_SESSION.APPLIED_AT, T0)
                .execute();
    }

    private static List<String> titleAndUser(DSLContext db, String id) {
        var row =
                db.select(TRANSLATION_SESSION.TITLE, TRANSLATION_SESSION.USER_ID)
                        .from(TRANSLATION_SESSION)
                        .where(TRANSLATION_SESSION.SESSION_ID.eq(id))
                        .fetchSingle();
        return java.util.Arrays.asList(row.value1(), row.value2());
    }

    /** A metadata object of exactly 65,536 bytes of JSON, the contract's limit. */
    private static String largestMetadata() {
        String prefix = "{\"k\":\"";
        String suffix = "\"}";
        return prefix + "x".repeat(65536 - prefix.length() - suffix.length()) + suffix;
    }
}
