package com.translation.pipeline.schema.db;

import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.function.Function;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.impl.AbstractBinding;

/**
 * How every {@code DATETIME(6)} column of the schema is bound and read: as a {@link LocalDateTime}
 * handed to the driver as it is ({@code setObject}, {@code getObject(i, LocalDateTime.class)}, JDBC
 * 4.2), a wall-clock value in UTC both ways. The generated jOOQ classes use it for those columns
 * (the {@code forcedType} in schema/pom.xml).
 *
 * <p>jOOQ's own binding goes through {@link java.sql.Timestamp} ({@code setTimestamp}, {@code
 * getTimestamp}), an instant in the JVM's default time zone: in a zone with daylight saving time, a
 * UTC wall-clock time inside that zone's spring-forward gap (02:30 on the last Sunday of March in
 * Europe/Berlin) does not exist there, and was stored and read one hour later (03:30). Connector/J
 * also builds a {@code GregorianCalendar} for every {@code getTimestamp}: 8 % of a list page's
 * samples in query-api.
 */
public final class LocalDateTimeBinding extends AbstractBinding<LocalDateTime, LocalDateTime> {

    private static final long serialVersionUID = 1L;

    private static final Converter<LocalDateTime, LocalDateTime> IDENTITY =
            Converter.ofNullable(
                    LocalDateTime.class,
                    LocalDateTime.class,
                    Function.identity(),
                    Function.identity());

    @Override
    public Converter<LocalDateTime, LocalDateTime> converter() {
        return IDENTITY;
    }

    /** Binds the value as it is, or SQL NULL. */
    @Override
    public void set(BindingSetStatementContext<LocalDateTime> ctx) throws SQLException {
        LocalDateTime value = ctx.value();
        if (value == null) {
            ctx.statement().setNull(ctx.index(), Types.TIMESTAMP);
        } else {
            ctx.statement().setObject(ctx.index(), value);
        }
    }

    /** Reads the column's value as it is stored, or null. */
    @Override
    public void get(BindingGetResultSetContext<LocalDateTime> ctx) throws SQLException {
        ctx.value(ctx.resultSet().getObject(ctx.index(), LocalDateTime.class));
    }
}
