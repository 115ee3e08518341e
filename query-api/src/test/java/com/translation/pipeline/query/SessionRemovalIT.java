package com.translation.pipeline.query;

import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Delete and retention cleanup; one subclass per database server. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "query.cleanup-chunk-size=3",
            "query.cleanup-schedule=* * * * * *",
            "query.cleanup-older-than-days=365"
        })
abstract class SessionRemovalIT {

    static final Instant NOW = Instant.now();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired DSLContext db;
    @LocalServerPort int port;

    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
    }

    @Test
    void deleteRemovesTheSessionAndItsTasksAndLeavesATombstone() {
        insertSession("d-1", "running", NOW);
        insertTasks("d-1", 3, NOW);

        Instant before = Instant.now();
        JsonNode deleted = delete("d-1");
        Instant deletedAt = Instant.parse(deleted.path("deleted_at").asString());

        assertThat(deleted.path("session_deleted").asBoolean()).isTrue();
        assertThat(deleted.path("tasks_deleted").asInt()).isEqualTo(3);
        assertThat(deletedAt).isBetween(before.minusMillis(1), Instant.now());
        assertThat(ServiceHttp.get(port, "/api/v1/translation/sessions/d-1").statusCode())
                .isEqualTo(404);
        assertThat(db.fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.SESSION_ID.eq("d-1"))).isZero();
        assertThat(tombstone("d-1")).isEqualTo(utc(deletedAt));
    }

    /**
     * {@code d-2;x} is not an id of the contract: the container drops path parameters before the
     * path variable is read, and the delete went to {@code d-2}. Now it is 400 naming {@code id},
     * for a delete, a read and a restore, and nothing is deleted.
     */
    @Test
    void anIdWithAPathParameterIsRefusedAndNothingIsDeleted() {
        insertSession("d-2", "running", NOW);
        insertTasks("d-2", 2, NOW);

        for (String method : List.of("DELETE", "GET")) {
            HttpResponse<String> refused =
                    ServiceHttp.send(
                            HttpRequest.newBuilder(
                                            ServiceHttp.uri(
                                                    port, "/api/v1/translation/sessions/d-2;x=1"))
                                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertThat(refused.statusCode()).as(method + " " + refused.body()).isEqualTo(400);
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("id");
        }
        assertThat(post("/api/v1/translation/recovery/restore/d-2;jsessionid=1", "").statusCode())
                .isEqualTo(400);
        assertThat(ServiceHttp.get(port, "/api/v1/translation/sessions/d-2").statusCode())
                .isEqualTo(200);
        assertThat(db.fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.SESSION_ID.eq("d-2")))
                .isEqualTo(2);
        assertThat(tombstone("d-2")).isNull();
    }

    @Test
    void deleteOfASessionNotYetStoredStillLeavesATombstone() {
        JsonNode deleted = delete("d-not-yet");

        assertThat(deleted.path("session_deleted").asBoolean()).isFalse();
        assertThat(tombstone("d-not-yet"))
                .isEqualTo(utc(Instant.parse(deleted.path("deleted_at").asString())));
    }

    @Test
    void cleanupDryRunDeletesNothingAndARealRunDeletesExactlyWhatItReportedInChunks() {
        Instant old = NOW.truncatedTo(ChronoUnit.SECONDS).minusSeconds(40L * 24 * 3600);
        for (int i = 0; i < 7; i++) {
            insertSession(
                    String.format("c-%02d", i),
                    i % 2 == 0 ? "completed" : "failed",
                    old.plusSeconds(i));
            insertTasks(String.format("c-%02d", i), 2, old);
        }
        insertSession("c-running", "running", old);
        insertSession("c-cancelled-recent", "cancelled", NOW.minusSeconds(3600));
        insertSession("c-cancelled-old", "cancelled", old);

        JsonNode dry =
                cleanup("{\"older_than_days\": 30, \"statuses\": [\"completed\", \"failed\"]}");

        assertThat(dry.path("dry_run").asBoolean()).isTrue();
        assertThat(dry.path("sessions").asInt()).isEqualTo(7);
        assertThat(dry.path("tasks").asInt()).isEqualTo(14);
        assertThat(dry.path("sample_ids").get(0).asString()).isEqualTo("c-00");
        assertThat(dry.path("sample_ids")).hasSize(7);
        assertThat(db.fetchCount(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID.like("c-%")))
                .isEqualTo(10);

        JsonNode real =
                cleanup(
                        "{\"older_than_days\": 30, \"statuses\": [\"completed\", \"failed\"],"
                                + " \"dry_run\": false}");

        assertThat(real.path("dry_run").asBoolean()).isFalse();
        assertThat(real.path("sessions").asInt()).isEqualTo(dry.path("sessions").asInt());
        assertThat(real.path("tasks").asInt()).isEqualTo(dry.path("tasks").asInt());
        assertThat(real.path("chunks").asInt()).isEqualTo(3);
        assertThat(
                        db.select(TRANSLATION_SESSION.SESSION_ID)
                                .from(TRANSLATION_SESSION)
                                .where(TRANSLATION_SESSION.SESSION_ID.like("c-%"))
                                .fetch(TRANSLATION_SESSION.SESSION_ID))
                .containsExactlyInAnyOrder("c-running", "c-cancelled-recent", "c-cancelled-old");
        assertThat(db.fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.SESSION_ID.like("c-%")))
                .isZero();
        // A retention tombstone covers only the version deleted: any newer event brings it back.
        assertThat(tombstone("c-03")).isEqualTo(utc(old.plusSeconds(3)));
    }

    /**
     * A session is old only when neither it nor any of its tasks changed since the cutoff, and the
     * tombstones of a cleanup are kept for the tombstone retention counted from the cleanup, not
     * from the old versions they cover.
     */
    @Test
    void cleanupKeepsSessionsWithRecentTaskActivityAndItsTombstonesOutliveThePurge() {
        Instant old = NOW.truncatedTo(ChronoUnit.SECONDS).minusSeconds(60L * 24 * 3600);
        insertSession("r-quiet", "completed", old);
        insertTasks("r-quiet", 1, old);
        insertSession("r-busy", "completed", old);
        insertTasks("r-busy", 1, NOW.minusSeconds(3600));

        cleanup("{\"older_than_days\": 30, \"dry_run\": false}");

        assertThat(db.fetchCount(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID.eq("r-quiet")))
                .isZero();
        assertThat(db.fetchCount(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID.eq("r-busy")))
                .isEqualTo(1);
        assertThat(db.fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.SESSION_ID.eq("r-busy")))
                .isEqualTo(1);
        // Covers a version 60 days old, older than the 30-day tombstone retention, yet stays.
        assertThat(tombstone("r-quiet")).isEqualTo(utc(old));
    }

    @Test
    void cleanupWithoutStatusesTakesEveryTerminalOneAndRefusesNonTerminalOrNoStatuses() {
        insertSession("e-cancelled", "cancelled", NOW.minusSeconds(100L * 24 * 3600));
        insertSession("e-paused", "paused", NOW.minusSeconds(100L * 24 * 3600));

        JsonNode dry = cleanup("{\"older_than_days\": 90}");
        HttpResponse<String> refused =
                post(
                        "/api/v1/translation/sessions/cleanup",
                        "{\"older_than_days\": 90, \"statuses\": [\"paused\"]}");
        HttpResponse<String> missing =
                post("/api/v1/translation/sessions/cleanup", "{\"dry_run\": true}");
        HttpResponse<String> none =
                post(
                        "/api/v1/translation/sessions/cleanup",
                        "{\"older_than_days\": 90, \"statuses\": []}");

        assertThat(dry.path("statuses").toString())
                .isEqualTo("[\"completed\",\"failed\",\"cancelled\"]");
        assertThat(dry.path("sample_ids").toString())
                .contains("e-cancelled")
                .doesNotContain("e-paused");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).findValuesAsString("field"))
                .containsExactly("statuses");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(none.body()).findValuesAsString("field"))
                .containsExactly("statuses");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).findValuesAsString("field"))
                .containsExactly("older_than_days");
        for (String days : List.of("30.5", "1e2", "2147483648", "\"thirty\"", "\"30\"")) {
            HttpResponse<String> notWhole =
                    post(
                            "/api/v1/translation/sessions/cleanup",
                            "{\"older_than_days\": " + days + "}");
            assertThat(notWhole.statusCode()).as(days).isEqualTo(400);
            assertThat(JSON.readTree(notWhole.body()).findValuesAsString("field"))
                    .as(days)
                    .containsExactly("older_than_days");
        }
    }

    /**
     * Cleanup bodies are a few dozen bytes, and bodies here are at most 64 KiB: parsed, a list of
     * short strings takes over ten times its text, so a 1.3 MB list of statuses is refused by its
     * size, 413, before any of it is parsed.
     */
    @Test
    void aCleanupBodyOverTheBodyLimitIsRefusedBeforeItIsParsed() {
        String statuses = "\"failed\",".repeat(140_000) + "\"failed\"";

        HttpResponse<String> response =
                post(
                        "/api/v1/translation/sessions/cleanup",
                        "{\"older_than_days\": 30, \"statuses\": [" + statuses + "]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("at most 65536 bytes");
    }

    /** A dry run is the default; a real run needs false itself, not 0 nor "false". */
    @Test
    void cleanupRunsForRealOnlyForALiteralFalse() {
        for (String dryRun : List.of("0", "\"false\"", "\"no\"", "1")) {
            HttpResponse<String> refused =
                    post(
                            "/api/v1/translation/sessions/cleanup",
                            "{\"older_than_days\": 30, \"dry_run\": " + dryRun + "}");
            assertThat(refused.statusCode()).as(dryRun).isEqualTo(400);
        }
        for (String dryRun : List.of("0", "\"false\"")) {
            assertThat(
                            JSON.readTree(
                                            post(
                                                            "/api/v1/translation/sessions/cleanup",
                                                            "{\"older_than_days\": 30,"
                                                                    + " \"dry_run\": "
                                                                    + dryRun
                                                                    + "}")
                                                    .body())
                                    .findValuesAsString("field"))
                    .as(dryRun)
                    .containsExactly("dry_run");
        }
    }

    @Test
    void scheduledCleanupRemovesTerminalSessionsOlderThanItsDays() {
        Instant ancient = NOW.minusSeconds(400L * 24 * 3600);
        insertSession("sched-cancelled", "cancelled", ancient);
        insertTasks("sched-cancelled", 2, ancient);
        insertSession("sched-running", "running", ancient);

        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                db.fetchCount(
                                                TRANSLATION_SESSION,
                                                TRANSLATION_SESSION.SESSION_ID.eq(
                                                        "sched-cancelled"))
                                        == 0);

        assertThat(
                        db.fetchCount(
                                TRANSLATION_TASK,
                                TRANSLATION_TASK.SESSION_ID.eq("sched-cancelled")))
                .isZero();
        assertThat(
                        db.fetchCount(
                                TRANSLATION_SESSION,
                                TRANSLATION_SESSION.SESSION_ID.eq("sched-running")))
                .isEqualTo(1);
    }

    private JsonNode delete(String id) {
        HttpResponse<String> response =
                ServiceHttp.send(
                        HttpRequest.newBuilder(
                                        ServiceHttp.uri(port, "/api/v1/translation/sessions/" + id))
                                .DELETE());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode cleanup(String body) {
        HttpResponse<String> response = post("/api/v1/translation/sessions/cleanup", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) {
        return ServiceHttp.postJson(port, path, body);
    }

    private LocalDateTime tombstone(String id) {
        return db.select(SESSION_TOMBSTONE.DELETED_AT)
                .from(SESSION_TOMBSTONE)
                .where(SESSION_TOMBSTONE.SESSION_ID.eq(id))
                .fetchOne(SESSION_TOMBSTONE.DELETED_AT);
    }

    private void insertSession(String id, String status, Instant updatedAt) {
        TranslationSessionRecord row =
                new TranslationSessionRecord()
                        .setSessionId(id)
                        .setStatus(status)
                        .setCreatedAt(utc(updatedAt))
                        .setUpdatedAt(utc(updatedAt))
                        .setEventId(UUID.randomUUID().toString())
                        .setAppliedAt(utc(updatedAt));
        db.insertInto(TRANSLATION_SESSION).set(row).execute();
    }

    private void insertTasks(String sessionId, int count, Instant updatedAt) {
        for (int i = 0; i < count; i++) {
            TranslationTaskRecord row =
                    new TranslationTaskRecord()
                            .setTaskId(sessionId + "-t" + i)
                            .setSessionId(sessionId)
                            .setSequence(i)
                            .setStatus("completed")
                            .setCreatedAt(utc(updatedAt))
                            .setUpdatedAt(utc(updatedAt))
                            .setEventId(UUID.randomUUID().toString())
                            .setAppliedAt(utc(updatedAt));
            db.insertInto(TRANSLATION_TASK).set(row).execute();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
