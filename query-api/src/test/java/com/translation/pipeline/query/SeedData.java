package com.translation.pipeline.query;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.JSON;

/**
 * A seeded data set and its in-memory model. Sort keys tie on purpose: sessions share created_at in
 * pairs and updated_at in seven buckets, so paging must order ties by id.
 */
final class SeedData {

    static final LocalDateTime T0 = LocalDateTime.parse("2026-03-01T10:00:00");
    static final String[] SESSION_STATUSES = {
        "pending", "running", "paused", "completed", "failed", "cancelled"
    };
    static final String[] TASK_STATUSES = {
        "pending", "running", "completed", "failed", "cancelled", "skipped"
    };

    record Session(
            String id,
            String status,
            String userId,
            LocalDateTime createdAt,
            LocalDateTime updatedAt) {}

    final List<Session> sessions = new ArrayList<>();
    final List<TranslationTaskRecord> tasks = new ArrayList<>();

    static SeedData create() {
        SeedData data = new SeedData();
        for (int n = 0; n < 60; n++) {
            data.sessions.add(
                    new Session(
                            String.format("s-%02d", n),
                            SESSION_STATUSES[n % 6],
                            "u-" + (n % 3),
                            T0.plusMinutes(n / 2),
                            T0.plusHours(n % 7)));
        }
        data.sessions.add(
                new Session("s-big", "running", "u-big", T0.minusDays(1), T0.minusDays(1)));
        for (int n = 0; n < 10; n++) {
            for (int k = 0; k < 5; k++) {
                data.tasks.add(
                        task(
                                String.format("t-%02d-%d", n, k),
                                String.format("s-%02d", n),
                                (k * 3) % 5,
                                TASK_STATUSES[(n + k) % 6],
                                k,
                                (n + k) % 4));
            }
        }
        data.tasks.add(task("t-ghost", "s-ghost", 0, "pending", 0, 0));
        for (int i = 0; i < 1000; i++) {
            data.tasks.add(
                    task(String.format("tb-%04d", i), "s-big", i, TASK_STATUSES[i % 6], i % 60, 0));
        }
        return data;
    }

    void insert(DSLContext db) {
        List<TranslationSessionRecord> rows = new ArrayList<>();
        for (Session s : sessions) {
            rows.add(
                    new TranslationSessionRecord()
                            .setSessionId(s.id())
                            .setUserId(s.userId())
                            .setStatus(s.status())
                            .setTitle("Session " + s.id())
                            .setTotalTasks(5)
                            .setMetadata(JSON.valueOf("{\"origin\": \"seed\"}"))
                            .setCreatedAt(s.createdAt())
                            .setUpdatedAt(s.updatedAt())
                            .setEventId(UUID.randomUUID().toString())
                            .setAppliedAt(T0));
        }
        db.insertInto(TRANSLATION_SESSION, TRANSLATION_SESSION.fields())
                .valuesOfRecords(rows)
                .execute();
        db.insertInto(TRANSLATION_TASK, TRANSLATION_TASK.fields()).valuesOfRecords(tasks).execute();
    }

    /** Ids of the sessions matching, in the order the API must return them. */
    List<String> sessionIds(Predicate<Session> filter, Comparator<Session> order) {
        return sessions.stream().filter(filter).sorted(order).map(Session::id).toList();
    }

    static Comparator<Session> order(String sortBy, boolean descending) {
        Comparator<Session> byKey =
                switch (sortBy) {
                    case "updated_at" ->
                            Comparator.comparing(Session::updatedAt).thenComparing(Session::id);
                    case "session_id" -> Comparator.comparing(Session::id);
                    default -> Comparator.comparing(Session::createdAt).thenComparing(Session::id);
                };
        return descending ? byKey.reversed() : byKey;
    }

    private static TranslationTaskRecord task(
            String id,
            String sessionId,
            int sequence,
            String status,
            int createdMinutes,
            int updatedHours) {
        return new TranslationTaskRecord()
                .setTaskId(id)
                .setSessionId(sessionId)
                .setSequence(sequence)
                .setStatus(status)
                .setSourceText("source " + id)
                .setCreatedAt(T0.plusMinutes(createdMinutes))
                .setUpdatedAt(T0.plusHours(updatedHours))
                .setEventId(UUID.randomUUID().toString())
                .setAppliedAt(T0);
    }
}
