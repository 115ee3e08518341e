package com.translation.pipeline.query.lookup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * The whole row of a table by its key, the statement of every single read: {@code SELECT} of every
 * column {@code WHERE key = ?}. Its SQL is rendered by jOOQ from the generated classes once per
 * dialect and kept; each read then binds its key to that text. Rendering the same select anew cost
 * 13 % of query-api's CPU on back-to-back single reads (JFR, docs/benchmarks.md "Query"), more than
 * running it. The rows come back through the table's own fields, with their bindings, as {@code
 * selectFrom} returns them.
 *
 * @param <R> the table's record
 */
public final class KeyLookup<R extends TableRecord<R>> {

    private final Table<R> table;
    private final TableField<R, String> key;
    private final Map<SQLDialect, String> sql = new ConcurrentHashMap<>();

    /**
     * @param table the table
     * @param key its unique key column
     */
    public KeyLookup(Table<R> table, TableField<R, String> key) {
        this.table = table;
        this.key = key;
    }

    /**
     * The row whose key is {@code value}, read on {@code db}.
     *
     * @return empty when there is none
     * @throws org.jooq.exception.DataAccessException when the database fails
     */
    public Optional<R> fetch(DSLContext db, String value) {
        return db.resultQuery(sql(db), value).coerce(table).fetchOptional();
    }

    /** The statement's SQL in {@code db}'s dialect and settings, with {@code ?} for the key. */
    String sql(DSLContext db) {
        return sql.computeIfAbsent(
                db.dialect(),
                dialect ->
                        db.selectFrom(table)
                                .where(key.eq(DSL.param(key.getName(), String.class)))
                                .getSQL(ParamType.INDEXED));
    }
}
