package com.translation.pipeline.query.lookup;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class KeyLookupTest {

    private final KeyLookup<TranslationTaskRecord> lookup =
            new KeyLookup<>(TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID);

    @Test
    void theSqlIsTheSelectOfTheWholeRowByItsKeyWithOnePlaceholder() {
        DSLContext mysql = DSL.using(SQLDialect.MYSQL);
        String sql = lookup.sql(mysql);

        assertThat(sql)
                .isEqualTo(
                        mysql.selectFrom(TRANSLATION_TASK)
                                .where(TRANSLATION_TASK.TASK_ID.eq("any"))
                                .getSQL(ParamType.INDEXED));
        assertThat(sql.chars().filter(c -> c == '?').count()).isOne();
        for (Field<?> column : TRANSLATION_TASK.fields()) {
            assertThat(sql).contains("`" + column.getName() + "`");
        }
    }

    @Test
    void theSqlIsRenderedOncePerDialectAndKept() {
        String mysql = lookup.sql(DSL.using(SQLDialect.MYSQL));
        String mariadb = lookup.sql(DSL.using(SQLDialect.MARIADB));

        assertThat(lookup.sql(DSL.using(SQLDialect.MYSQL))).isSameAs(mysql);
        assertThat(lookup.sql(DSL.using(SQLDialect.MARIADB))).isSameAs(mariadb);
    }
}
