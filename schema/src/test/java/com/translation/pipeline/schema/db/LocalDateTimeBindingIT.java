package com.translation.pipeline.schema.db;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.DatabaseServer;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalDateTimeBinding} on a real server, in a JVM whose default time zone has daylight
 * saving time (the services run in whatever zone their host has): every stored time is written,
 * read and compared as the wall-clock value it is; one subclass per server.
 */
abstract class LocalDateTimeBindingIT {

    /**
     * Times that a conversion through the JVM's zone alters or might: inside Europe/Berlin's
     * spring-forward gap (no such local time there), inside its autumn overlap (twice there), and
     * the first and last times DATETIME(6) stores.
     */
    private static final List<LocalDateTime> TIMES =
            List.of(
                    LocalDateTime.parse("2026-03-29T02:30:00.123456"),
                    LocalDateTime.parse("2026-10-25T02:30:00.654321"),
                    LocalDateTime.parse("1000-01-01T00:00:00"),
                    LocalDateTime.parse("9999-12-31T23:59:59.999999"));

    abstract DatabaseServer server();

    @Test
    void timesInsideTheJvmZonesDaylightSavingChangesAreStoredReadAndComparedAsTheyAre() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try {
            DataSource dataSource = server().createDatabase().dataSource();
            Flyway.configure().dataSource(dataSource).load().migrate();
            DSLContext db =
                    DSL.using(dataSource, ServerDialect.of(dataSource), ServerDialect.settings());
            for (int i = 0; i < TIMES.size(); i++) {
                LocalDateTime time = TIMES.get(i);
                db.insertInto(TRANSLATION_SESSION)
                        .set(TRANSLATION_SESSION.SESSION_ID, "s" + i)
                        .set(TRANSLATION_SESSION.STATUS, "running")
                        .set(TRANSLATION_SESSION.CREATED_AT, time)
                        .set(TRANSLATION_SESSION.UPDATED_AT, time)
                        .set(TRANSLATION_SESSION.APPLIED_AT, time)
                        .set(
                                TRANSLATION_SESSION.EVENT_ID,
                                "00000000-0000-0000-0000-00000000000" + i)
                        .execute();
            }

            for (int i = 0; i < TIMES.size(); i++) {
                LocalDateTime time = TIMES.get(i);
                String id = "s" + i;
                String stored =
                        db.select(TRANSLATION_SESSION.CREATED_AT.cast(String.class))
                                .from(TRANSLATION_SESSION)
                                .where(TRANSLATION_SESSION.SESSION_ID.eq(id))
                                .fetchOne(0, String.class);
                assertThat(LocalDateTime.parse(stored.replace(' ', 'T'))).as(id).isEqualTo(time);
                assertThat(
                                db.fetchValue(
                                        TRANSLATION_SESSION.CREATED_AT,
                                        TRANSLATION_SESSION.SESSION_ID.eq(id)))
                        .as(id)
                        .isEqualTo(time);
                assertThat(
                                db.fetchValue(
                                        TRANSLATION_SESSION.SESSION_ID,
                                        TRANSLATION_SESSION.CREATED_AT.eq(time)))
                        .as(id)
                        .isEqualTo(id);
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
