package com.translation.pipeline.worker.write;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import java.util.Locale;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The upsert's SQL in both dialects; the integration tests run it on MariaDB and MySQL. */
class VersionedTableTest {

    private final VersionedTable<TranslationSessionRecord> sessions =
            new VersionedTable<>(
                    TRANSLATION_SESSION,
                    TRANSLATION_SESSION.SESSION_ID,
                    TRANSLATION_SESSION.UPDATED_AT);

    @Test
    @DisplayName(
            "MySQL form: INSERT ... AS alias ON DUPLICATE KEY UPDATE, every column guarded, version"
                    + " last")
    void mySqlUpsertGuardsEveryColumnAndAssignsTheVersionLast() {
        String sql = render(SQLDialect.MYSQL);

        assertThat(sql).contains("on duplicate key update");
        assertThat(sql).doesNotContain("values(`updated_at`)");
        assertGuardedWithVersionLast(sql);
    }

    @Test
    @DisplayName("MariaDB form: VALUES(col) instead of an alias")
    void mariaDbUpsertUsesValuesFunction() {
        String sql = render(SQLDialect.MARIADB);

        assertThat(sql).contains("values(`updated_at`)");
        assertGuardedWithVersionLast(sql);
    }

    private static void assertGuardedWithVersionLast(String sql) {
        String assignments = sql.substring(sql.indexOf("on duplicate key update"));
        long guards = assignments.split("case when", -1).length - 1;
        assertThat(guards).isEqualTo(TRANSLATION_SESSION.fields().length - 1);
        assertThat(assignments.lastIndexOf("`updated_at` = case"))
                .isGreaterThan(assignments.lastIndexOf("`applied_at` = case"))
                .isGreaterThan(assignments.lastIndexOf("`title` = case"));
    }

    /** The SQL production runs: the one-row shape, lower-cased as the assertions read it. */
    private String render(SQLDialect dialect) {
        return sessions.shapeSql(dialect, 1).toLowerCase(Locale.ROOT);
    }

    @Test
    @DisplayName("Each shape has a placeholder for every column of every row, and no literal value")
    void shapesBindEveryValue() {
        int columns = TRANSLATION_SESSION.fields().length;
        for (int rows : new int[] {1, 2, 64, VersionedTable.MAX_SHAPE_ROWS}) {
            String sql = sessions.shapeSql(SQLDialect.MYSQL, rows);
            long placeholders = sql.chars().filter(c -> c == '?').count();
            assertThat(placeholders).as("%d rows", rows).isEqualTo((long) rows * columns);
            assertThat(sql).doesNotContain("'");
        }
    }

    @Test
    @DisplayName("Any number of rows is written in shapes of 512 and powers of two, in order")
    void rowsSplitIntoShapes() {
        for (int rows = 1; rows <= 2 * VersionedTable.MAX_SHAPE_ROWS + 3; rows++) {
            int at = 0;
            int statements = 0;
            while (at < rows) {
                int shape = VersionedTable.shape(rows - at);
                assertThat(Integer.bitCount(shape)).as("shape %d", shape).isEqualTo(1);
                assertThat(shape).isBetween(1, Math.min(rows - at, VersionedTable.MAX_SHAPE_ROWS));
                at += shape;
                statements++;
            }
            assertThat(at).isEqualTo(rows);
            assertThat(statements)
                    .as("%d rows", rows)
                    .isEqualTo(
                            rows / VersionedTable.MAX_SHAPE_ROWS
                                    + Integer.bitCount(rows % VersionedTable.MAX_SHAPE_ROWS));
        }
    }
}
