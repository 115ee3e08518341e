package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.web.InvalidParameterException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.SortField;
import org.jooq.Table;

/**
 * Lists rows of a table ordered by a sort key and the id (so ties are ordered too): offset pages,
 * or keyset pages that continue after the last row of the previous one. A keyset page's query is a
 * range scan from that row, so its cost does not grow with depth; it skips the total, which costs
 * as much as a deep offset page.
 */
public final class KeysetPager<R extends Record> {

    /** Connector/J's fetch size for a result set read row by row as it arrives. */
    public static final int STREAMING = Integer.MIN_VALUE;

    private final Table<R> table;
    private final Field<String> id;

    public KeysetPager(Table<R> table, Field<String> id) {
        this.table = table;
        this.id = id;
    }

    /** The query that a list request issues, without running it (also for EXPLAIN checks). */
    public <T> SelectLimitStep<R> query(
            DSLContext db, Condition where, SortKey<T> sort, PageRequest request, String filters) {
        Condition condition = where;
        if (request.cursor() != null) {
            condition =
                    condition.and(after(Cursor.decode(request.cursor()), sort, request, filters));
        }
        return db.selectFrom(table).where(condition).orderBy(order(sort, request.descending()));
    }

    /**
     * Opens the page {@code request} asks for, in its turn of {@code reads}: the total first
     * (offset mode), then the rows as a streaming result set, read while the answer is written.
     *
     * @throws ListReadsBusyException when no turn comes in time
     */
    public <T> PageStream<R> open(
            DSLContext db,
            ListReads reads,
            Condition where,
            SortKey<T> sort,
            PageRequest request,
            String filters) {
        SelectLimitStep<R> query = query(db, where, sort, request, filters);
        boolean offsetMode = request.cursor() == null;
        ListReads.Turn turn = reads.acquire();
        try {
            Long total = offsetMode ? countQuery(db, where).fetchOne(0, Long.class) : null;
            ResultQuery<R> page =
                    offsetMode
                            ? query.limit(request.pageSize()).offset(request.offset())
                            : query.limit(request.pageSize());
            return new PageStream<>(
                    page.fetchSize(STREAMING).fetchLazy(),
                    offsetMode ? request.page() : null,
                    request.pageSize(),
                    total,
                    last -> cursorAfter(last, sort, request.descending(), filters),
                    turn);
        } catch (RuntimeException e) {
            turn.close();
            throw e;
        }
    }

    /** The total of an offset page. */
    public Select<Record1<Integer>> countQuery(DSLContext db, Condition where) {
        return db.selectCount().from(table).where(where);
    }

    private <T> SortField<?>[] order(SortKey<T> sort, boolean descending) {
        if (sort.column().equals(id)) {
            return new SortField<?>[] {descending ? id.desc() : id.asc()};
        }
        return descending
                ? new SortField<?>[] {sort.column().desc(), id.desc()}
                : new SortField<?>[] {sort.column().asc(), id.asc()};
    }

    /**
     * Rows after the cursor's row in this order. Written as {@code col >= v AND (col > v OR id >
     * i)} rather than a row comparison, which MariaDB does not turn into an index range.
     */
    private <T> Condition after(
            Cursor cursor, SortKey<T> sort, PageRequest request, String filters) {
        if (!cursor.sort().equals(sort.name())
                || cursor.descending() != request.descending()
                || !cursor.filters().equals(filters)) {
            throw new InvalidParameterException(
                    "cursor", "the cursor belongs to another sort or other filters");
        }
        boolean descending = request.descending();
        Condition idAfter = descending ? id.lt(cursor.id()) : id.gt(cursor.id());
        if (sort.column().equals(id)) {
            return idAfter;
        }
        T value;
        try {
            // A page may end on a row whose sort value is NULL: the cursor then holds null.
            value = cursor.value() == null ? null : sort.parse().apply(cursor.value());
        } catch (RuntimeException e) {
            throw new InvalidParameterException("cursor", "not a cursor from a previous page");
        }
        Field<T> column = sort.column();
        if (value == null) {
            // NULLs sort first ascending and last descending in MySQL and MariaDB.
            return descending
                    ? column.isNull().and(idAfter)
                    : column.isNotNull().or(column.isNull().and(idAfter));
        }
        Condition range =
                descending
                        ? column.le(value).and(column.lt(value).or(idAfter))
                        : column.ge(value).and(column.gt(value).or(idAfter));
        return descending && column.getDataType().nullable() ? range.or(column.isNull()) : range;
    }

    private <T> String cursorAfter(R last, SortKey<T> sort, boolean descending, String filters) {
        T value = last.get(sort.column());
        return new Cursor(
                        sort.name(),
                        descending,
                        value == null ? null : sort.format().apply(value),
                        last.get(id),
                        filters)
                .encode();
    }
}
