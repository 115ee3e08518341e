package com.translation.pipeline.worker.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.JSON;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * A table whose rows are versioned by {@code updated_at}, written with multi-row upserts in which
 * every column is guarded by the version, so an older event never overwrites a newer row whatever
 * order it comes in, and an equal one is applied again (a replay is harmless). The version column
 * is assigned last: MySQL and MariaDB evaluate assignments left to right, and the guard of every
 * other column reads the old version.
 *
 * <p><b>Statement shapes.</b> An upsert is written only in a few shapes: {@value #MAX_SHAPE_ROWS}
 * rows and the powers of two below it. Each shape's SQL is rendered once by jOOQ from the generated
 * classes and executed as a server-side prepared statement that the driver keeps per connection, so
 * a batch costs the binding of its values, not a new statement text to render, send and parse.
 * Values are bound by their Java type directly, not through jOOQ's generic binding.
 */
final class VersionedTable<R extends TableRecord<R>> {

    /** The largest statement shape, in rows. */
    static final int MAX_SHAPE_ROWS = 512;

    private final Table<R> table;
    private final TableField<R, String> id;
    private final TableField<R, LocalDateTime> updatedAt;
    private final Map<Field<?>, Field<?>> guardedAssignments = new LinkedHashMap<>();
    private final Map<SQLDialect, Map<Integer, String>> shapes = new ConcurrentHashMap<>();

    VersionedTable(
            Table<R> table, TableField<R, String> id, TableField<R, LocalDateTime> updatedAt) {
        this.table = table;
        this.id = id;
        this.updatedAt = updatedAt;
        Condition incomingIsNotOlder = DSL.excluded(updatedAt).ge(updatedAt);
        for (Field<?> field : table.fields()) {
            if (!field.equals(id) && !field.equals(updatedAt)) {
                guardedAssignments.put(field, guarded(incomingIsNotOlder, field));
            }
        }
        guardedAssignments.put(updatedAt, guarded(incomingIsNotOlder, updatedAt));
    }

    /**
     * Upserts {@code rows}, sorted by id, on the caller's transaction's connection ({@code db}): as
     * many statements of the largest shape as fit, then the remainder in shapes of powers of two.
     *
     * @return the statements issued
     * @throws RuntimeException with the SQLException as its cause when the database refuses one
     */
    int upsert(DSLContext db, List<R> rows) {
        SQLDialect dialect = db.dialect();
        return db.connectionResult(
                connection -> {
                    int statements = 0;
                    int at = 0;
                    while (at < rows.size()) {
                        int shape = shape(rows.size() - at);
                        execute(connection, dialect, rows.subList(at, at + shape));
                        at += shape;
                        statements++;
                    }
                    return statements;
                });
    }

    /** The largest shape that {@code remaining} rows fill. */
    static int shape(int remaining) {
        return remaining >= MAX_SHAPE_ROWS ? MAX_SHAPE_ROWS : Integer.highestOneBit(remaining);
    }

    /**
     * The SQL of the shape of {@code rows} rows in {@code dialect}, {@code ?} for every value:
     * rendered once from the generated classes, then kept.
     */
    String shapeSql(SQLDialect dialect, int rows) {
        return shapes.computeIfAbsent(dialect, d -> new ConcurrentHashMap<>())
                .computeIfAbsent(rows, size -> render(dialect, size));
    }

    private void execute(Connection connection, SQLDialect dialect, List<R> rows)
            throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(shapeSql(dialect, rows.size()))) {
            int parameter = 1;
            for (R row : rows) {
                for (int field = 0; field < row.size(); field++) {
                    bind(statement, parameter++, row.get(field));
                }
            }
            statement.executeUpdate();
        }
    }

    /** The shape's SQL with {@code ?} for every value, from the generated classes. */
    private String render(SQLDialect dialect, int rows) {
        DSLContext render = DSL.using(dialect);
        InsertValuesStepN<R> insert = render.insertInto(table, table.fields());
        List<Object> placeholders = Collections.nCopies(table.fields().length, null);
        for (int row = 0; row < rows; row++) {
            insert = insert.values(placeholders);
        }
        return insert.onDuplicateKeyUpdate().set(guardedAssignments).getSQL(ParamType.INDEXED);
    }

    private static void bind(PreparedStatement statement, int parameter, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(parameter, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(parameter, text);
        } else if (value instanceof Integer number) {
            statement.setInt(parameter, number);
        } else if (value instanceof JSON json) {
            statement.setString(parameter, json.data());
        } else {
            statement.setObject(parameter, value);
        }
    }

    private static <T> Field<T> guarded(Condition incomingIsNotOlder, Field<T> field) {
        return DSL.when(incomingIsNotOlder, DSL.excluded(field)).otherwise(field);
    }
}
