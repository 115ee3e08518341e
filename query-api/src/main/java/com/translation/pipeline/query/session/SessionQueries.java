package com.translation.pipeline.query.session;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;

import com.translation.pipeline.query.lookup.KeyLookup;
import com.translation.pipeline.query.paging.KeysetPager;
import com.translation.pipeline.query.paging.ListReads;
import com.translation.pipeline.query.paging.PageRequest;
import com.translation.pipeline.query.paging.PageStream;
import com.translation.pipeline.query.paging.SortKey;
import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Select;
import org.springframework.stereotype.Component;

/** Reads sessions with the generated jOOQ classes. */
@Component
public class SessionQueries {

    static final Map<String, SortKey<?>> SORTS =
            Map.of(
                    "created_at", SortKey.timestamp("created_at", TRANSLATION_SESSION.CREATED_AT),
                    "updated_at", SortKey.timestamp("updated_at", TRANSLATION_SESSION.UPDATED_AT),
                    "session_id", SortKey.text("session_id", TRANSLATION_SESSION.SESSION_ID));

    private final DSLContext db;
    private final ListReads reads;
    private final KeysetPager<TranslationSessionRecord> pager =
            new KeysetPager<>(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID);
    private final KeyLookup<TranslationSessionRecord> byId =
            new KeyLookup<>(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID);

    SessionQueries(DSLContext db, ListReads reads) {
        this.db = db;
        this.reads = reads;
    }

    /** The page of sessions {@code page} asks for, open for streaming; the caller closes it. */
    public PageStream<TranslationSessionRecord> list(
            SessionFilter filter, String sortBy, PageRequest page) {
        return pager.open(db, reads, filter.condition(), sort(sortBy), page, filter.fingerprint());
    }

    /** The query {@link #list} runs, for query-plan checks. */
    public Select<TranslationSessionRecord> listQuery(
            SessionFilter filter, String sortBy, PageRequest page) {
        return pager.query(db, filter.condition(), sort(sortBy), page, filter.fingerprint())
                .limit(page.pageSize());
    }

    /** The total query of an offset page, for query-plan checks. */
    public Select<?> countQuery(SessionFilter filter) {
        return pager.countQuery(db, filter.condition());
    }

    public Optional<SessionView> find(String sessionId) {
        return byId.fetch(db, sessionId).map(SessionView::of);
    }

    public boolean exists(String sessionId) {
        return db.fetchExists(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID.eq(sessionId));
    }

    private static SortKey<?> sort(String sortBy) {
        String name =
                Parameters.oneOf("sort_by", sortBy == null ? "created_at" : sortBy, SORTS.keySet());
        return SORTS.get(name);
    }
}
