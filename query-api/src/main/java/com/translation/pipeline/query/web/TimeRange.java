package com.translation.pipeline.query.web;

import java.time.LocalDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** A {@code *_from}/{@code *_to} pair of query parameters: from inclusive, to exclusive, in UTC. */
public record TimeRange(LocalDateTime from, LocalDateTime to) {

    public static final TimeRange ANY = new TimeRange(null, null);

    /** Reads {@code <name>_from} and {@code <name>_to}; 400 naming the parameter when unusable. */
    public static TimeRange parse(String name, String from, String to) {
        TimeRange range =
                new TimeRange(
                        Parameters.timestamp(name + "_from", from),
                        Parameters.timestamp(name + "_to", to));
        if (range.from != null && range.to != null && range.from.isAfter(range.to)) {
            throw new InvalidParameterException(
                    name + "_from", "must not be after " + name + "_to");
        }
        return range;
    }

    public Condition on(Field<LocalDateTime> column) {
        Condition condition = DSL.noCondition();
        if (from != null) {
            condition = condition.and(column.ge(from));
        }
        if (to != null) {
            condition = condition.and(column.lt(to));
        }
        return condition;
    }
}
