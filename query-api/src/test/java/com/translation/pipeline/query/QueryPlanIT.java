package com.translation.pipeline.query;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.query.paging.PageRequest;
import com.translation.pipeline.query.session.SessionFilter;
import com.translation.pipeline.query.session.SessionQueries;
import com.translation.pipeline.query.task.TaskFilter;
import com.translation.pipeline.query.task.TaskQueries;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * EXPLAIN of every list query the API can issue (each filter, sort, order and paging mode, and the
 * total of offset pages) on a seeded data set: none may scan a whole table without an index.
 */
@SpringBootTest(properties = "spring.main.web-application-type=none")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryPlanIT {

    /** Enough rows that a full scan costs more than an index, as it does in production. */
    static final int SESSIONS = 20_000;

    static final LocalDateTime T0 = LocalDateTime.parse("2026-03-01T10:00:00");
    static final String[] SESSION_STATUSES = {
        "pending", "running", "paused", "completed", "failed", "cancelled"
    };
    static final String[] TASK_STATUSES = {
        "pending", "running", "completed", "failed", "cancelled", "skipped"
    };
    static final String FROM = "2026-03-01T12:00:00Z";
    static final String TO = "2026-03-02T12:00:00Z";

    @Autowired DSLContext db;
    @Autowired SessionQueries sessions;
    @Autowired TaskQueries tasks;

    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
    }

    @BeforeAll
    void seed() {
        List<TranslationSessionRecord> sessionRows = new ArrayList<>();
        List<TranslationTaskRecord> taskRows = new ArrayList<>();
        for (int n = 0; n < SESSIONS; n++) {
            String id = String.format("s-%05d", n);
            sessionRows.add(
                    new TranslationSessionRecord()
                            .setSessionId(id)
                            .setUserId("u-" + (n % 200))
                            .setStatus(SESSION_STATUSES[n % 6])
                            .setCreatedAt(T0.plusMinutes(n))
                            .setUpdatedAt(T0.plusMinutes((n * 7L) % SESSIONS))
                            .setEventId(UUID.randomUUID().toString())
                            .setAppliedAt(T0));
            for (int k = 0; k < 2; k++) {
                taskRows.add(
                        new TranslationTaskRecord()
                                .setTaskId(id + "-" + k)
                                .setSessionId(id)
                                .setSequence(k)
                                .setStatus(TASK_STATUSES[(n + k) % 6])
                                .setCreatedAt(T0.plusMinutes(n))
                                .setUpdatedAt(T0.plusMinutes((n * 7L + k) % SESSIONS))
                                .setEventId(UUID.randomUUID().toString())
                                .setAppliedAt(T0));
            }
        }
        db.insertInto(TRANSLATION_SESSION, TRANSLATION_SESSION.fields())
                .valuesOfRecords(sessionRows)
                .execute();
        db.insertInto(TRANSLATION_TASK, TRANSLATION_TASK.fields())
                .valuesOfRecords(taskRows)
                .execute();
        db.resultQuery("analyze table {0}, {1}", TRANSLATION_SESSION, TRANSLATION_TASK).fetch();
    }

    @Test
    void everySessionListQueryUsesAnIndex() {
        List<SessionFilter> filters =
                List.of(
                        SessionFilter.of(null, null, null, null, null, null),
                        SessionFilter.of("running", null, null, null, null, null),
                        SessionFilter.of(null, "u-7", null, null, null, null),
                        SessionFilter.of(null, null, FROM, TO, null, null),
                        SessionFilter.of(null, null, null, null, FROM, TO),
                        SessionFilter.of("failed", "u-5", null, null, null, null),
                        SessionFilter.of("paused", null, FROM, TO, null, null),
                        SessionFilter.of(null, "u-9", null, null, FROM, TO),
                        SessionFilter.incomplete(null, null, null),
                        SessionFilter.incomplete("u-3", FROM, null));
        List<String> problems = new ArrayList<>();
        for (SessionFilter filter : filters) {
            check(problems, "count " + filter, sessions.countQuery(filter));
            checkEveryPage(
                    problems,
                    filter.toString(),
                    List.of("created_at", "updated_at", "session_id"),
                    "10",
                    (sort, page) -> sessions.listQuery(filter, sort, page),
                    (sort, page) -> nextCursor(sessions.list(filter, sort, page)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTaskListQueryUsesAnIndex() {
        List<TaskFilter> filters =
                List.of(
                        TaskFilter.of(null, null, null, null, null, null),
                        TaskFilter.of("s-00042", null, null, null, null, null),
                        TaskFilter.of(null, "failed", null, null, null, null),
                        TaskFilter.of(null, null, FROM, TO, null, null),
                        TaskFilter.of(null, null, null, null, FROM, TO),
                        TaskFilter.of("s-00042", "pending", null, null, null, null),
                        TaskFilter.of(null, "running", FROM, TO, null, null));
        List<String> problems = new ArrayList<>();
        for (TaskFilter filter : filters) {
            check(problems, "count " + filter, tasks.countQuery(filter));
            List<String> sorts =
                    filter.sessionId() == null
                            ? List.of("created_at", "updated_at", "task_id")
                            : List.of("created_at", "updated_at", "task_id", "sequence");
            checkEveryPage(
                    problems,
                    filter.toString(),
                    sorts,
                    "1",
                    (sort, page) -> tasks.listQuery(filter, sort, page),
                    (sort, page) -> nextCursor(tasks.list(filter, sort, page)));
        }
        assertThat(problems).isEmpty();
    }

    /** Reads a page through and gives the cursor of the page after it, as the answer would. */
    private static <R extends org.jooq.Record> String nextCursor(
            com.translation.pipeline.query.paging.PageStream<R> page) {
        try (page) {
            R last = null;
            int rows = 0;
            for (R row : page.rows()) {
                last = row;
                rows++;
            }
            return rows < page.pageSize() ? null : page.cursorAfter().apply(last);
        }
    }

    /**
     * Checks the plan of the first page of every sort in both orders, and of the page after it
     * (keyset) where a page of {@code cursorPageSize} has a next cursor.
     */
    private void checkEveryPage(
            List<String> problems,
            String filter,
            List<String> sorts,
            String cursorPageSize,
            BiFunction<String, PageRequest, Select<?>> listQuery,
            BiFunction<String, PageRequest, String> nextCursor) {
        for (String sort : sorts) {
            for (String order : List.of("asc", "desc")) {
                String label = filter + " " + sort + " " + order;
                check(
                        problems,
                        label,
                        listQuery.apply(sort, PageRequest.of(null, "50", null, order, 50, 500)));
                String cursor =
                        nextCursor.apply(
                                sort, PageRequest.of(null, cursorPageSize, null, order, 50, 500));
                if (cursor != null) {
                    check(
                            problems,
                            label + " cursor",
                            listQuery.apply(
                                    sort, PageRequest.of(null, "50", cursor, order, 50, 500)));
                }
            }
        }
    }

    /** Records a problem when any table of the plan is read without an index ("ALL"). */
    private void check(List<String> problems, String what, Select<?> query) {
        Result<Record> plan = explain(query);
        for (Record row : plan) {
            String type = String.valueOf(row.get("type"));
            if ("ALL".equalsIgnoreCase(type)) {
                problems.add(what + ": " + row.formatCSV(false).trim() + " <- " + query.getSQL());
            }
        }
    }

    private Result<Record> explain(Query query) {
        return db.resultQuery("explain {0}", query).fetch();
    }
}
