package com.translation.pipeline.worker.write;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * A table whose rows are versioned by {@code updated_at}: reads stored versions, and writes
 * multi-row upserts in which every column is guarded by the version, so an older event never
 * overwrites a newer row whatever order it comes in, and an equal one is applied again (a replay is
 * harmless). The version column is assigned last: MySQL and MariaDB evaluate assignments left to
 * right, and the guard of every other column reads the old version.
 */
final class VersionedTable<R extends TableRecord<R>> {

    private final Table<R> table;
    private final TableField<R, String> id;
    private final TableField<R, LocalDateTime> updatedAt;
    private final Map<Field<?>, Field<?>> guardedAssignments = new LinkedHashMap<>();

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

    /** The stored version of each of these ids that has a row. */
    Map<String, LocalDateTime> storedVersions(DSLContext db, Collection<String> ids) {
        return db.select(id, updatedAt).from(table).where(id.in(ids)).fetchMap(id, updatedAt);
    }

    /** One statement for all rows; rows must be sorted by id. */
    void upsert(DSLContext db, List<R> rows) {
        upsertQuery(db, rows).execute();
    }

    Query upsertQuery(DSLContext db, List<R> rows) {
        return db.insertInto(table, table.fields())
                .valuesOfRecords(rows)
                .onDuplicateKeyUpdate()
                .set(guardedAssignments);
    }

    private static <T> Field<T> guarded(Condition incomingIsNotOlder, Field<T> field) {
        return DSL.when(incomingIsNotOlder, DSL.excluded(field)).otherwise(field);
    }
}
