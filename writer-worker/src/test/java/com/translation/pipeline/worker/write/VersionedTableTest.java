package com.translation.pipeline.worker.write;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
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

    private String render(SQLDialect dialect) {
        TranslationSessionRecord row =
                new TranslationSessionRecord()
                        .setSessionId("s")
                        .setStatus("running")
                        .setCreatedAt(LocalDateTime.parse("2026-03-01T10:00:00"))
                        .setUpdatedAt(LocalDateTime.parse("2026-03-01T10:00:00"))
                        .setEventId("e")
                        .setAppliedAt(LocalDateTime.parse("2026-03-01T10:00:00"));
        return sessions.upsertQuery(DSL.using(dialect), List.of(row)).getSQL(ParamType.INLINED);
    }
}
