package com.translation.pipeline.query.task;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.query.lookup.KeyLookup;
import com.translation.pipeline.query.paging.KeysetPager;
import com.translation.pipeline.query.paging.ListReads;
import com.translation.pipeline.query.paging.PageRequest;
import com.translation.pipeline.query.paging.PageStream;
import com.translation.pipeline.query.paging.SortKey;
import com.translation.pipeline.query.web.InvalidParameterException;
import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Select;
import org.springframework.stereotype.Component;

/** Reads tasks with the generated jOOQ classes. */
@Component
public class TaskQueries {

    static final Map<String, SortKey<?>> SORTS =
            Map.of(
                    "created_at", SortKey.timestamp("created_at", TRANSLATION_TASK.CREATED_AT),
                    "updated_at", SortKey.timestamp("updated_at", TRANSLATION_TASK.UPDATED_AT),
                    "task_id", SortKey.text("task_id", TRANSLATION_TASK.TASK_ID),
                    "sequence", SortKey.number("sequence", TRANSLATION_TASK.SEQUENCE));

    private final DSLContext db;
    private final ListReads reads;
    private final KeysetPager<TranslationTaskRecord> pager =
            new KeysetPager<>(TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID);
    private final KeyLookup<TranslationTaskRecord> byId =
            new KeyLookup<>(TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID);

    TaskQueries(DSLContext db, ListReads reads) {
        this.db = db;
        this.reads = reads;
    }

    /** The page of tasks {@code page} asks for, open for streaming; the caller closes it. */
    public PageStream<TranslationTaskRecord> list(
            TaskFilter filter, String sortBy, PageRequest page) {
        return pager.open(
                db, reads, filter.condition(), sort(filter, sortBy), page, filter.fingerprint());
    }

    /** The query {@link #list} runs, for query-plan checks. */
    public Select<TranslationTaskRecord> listQuery(
            TaskFilter filter, String sortBy, PageRequest page) {
        return pager.query(db, filter.condition(), sort(filter, sortBy), page, filter.fingerprint())
                .limit(page.pageSize());
    }

    /** The total query of an offset page, for query-plan checks. */
    public Select<?> countQuery(TaskFilter filter) {
        return pager.countQuery(db, filter.condition());
    }

    public Optional<TaskView> find(String taskId) {
        return byId.fetch(db, taskId).map(TaskView::of);
    }

    /**
     * Every task of a session by sequence, for a restore, opened in its turn of {@link ListReads}
     * as a list page is (a session may hold thousands of tasks); the caller closes it.
     *
     * @throws com.translation.pipeline.query.paging.ListReadsBusyException when no turn comes in
     *     time
     */
    public SessionTasks allOfSession(String sessionId) {
        ListReads.Turn turn = reads.acquire();
        try {
            return new SessionTasks(
                    db.selectFrom(TRANSLATION_TASK)
                            .where(TRANSLATION_TASK.SESSION_ID.eq(sessionId))
                            .orderBy(
                                    TRANSLATION_TASK.SEQUENCE.asc(), TRANSLATION_TASK.TASK_ID.asc())
                            .fetchSize(KeysetPager.STREAMING)
                            .fetchLazy(),
                    turn);
        } catch (RuntimeException e) {
            turn.close();
            throw e;
        }
    }

    /** Whether any task of this session is stored (tasks may arrive before their session). */
    public boolean anyOfSession(String sessionId) {
        return db.fetchExists(TRANSLATION_TASK, TRANSLATION_TASK.SESSION_ID.eq(sessionId));
    }

    /** How many tasks of a session are in each status. */
    public Map<String, Integer> countsByStatus(String sessionId) {
        return db.select(TRANSLATION_TASK.STATUS, org.jooq.impl.DSL.count())
                .from(TRANSLATION_TASK)
                .where(TRANSLATION_TASK.SESSION_ID.eq(sessionId))
                .groupBy(TRANSLATION_TASK.STATUS)
                .fetchMap(Record2::value1, Record2::value2);
    }

    /** Sequence order is a session's order: it needs the session_id filter and its index. */
    private static SortKey<?> sort(TaskFilter filter, String sortBy) {
        String name =
                Parameters.oneOf("sort_by", sortBy == null ? "created_at" : sortBy, SORTS.keySet());
        if (name.equals("sequence") && filter.sessionId() == null) {
            throw new InvalidParameterException(
                    "sort_by", "sequence order needs the session_id filter");
        }
        return SORTS.get(name);
    }
}
