package com.translation.pipeline.query.paging;

import java.time.LocalDateTime;
import java.util.function.Function;
import org.jooq.Field;

/** A column a list can be sorted by, and how its values travel inside a cursor. */
public record SortKey<T>(
        String name, Field<T> column, Function<T, String> format, Function<String, T> parse) {

    public static SortKey<LocalDateTime> timestamp(String name, Field<LocalDateTime> column) {
        return new SortKey<>(name, column, LocalDateTime::toString, LocalDateTime::parse);
    }

    public static SortKey<String> text(String name, Field<String> column) {
        return new SortKey<>(name, column, Function.identity(), Function.identity());
    }

    public static SortKey<Integer> number(String name, Field<Integer> column) {
        return new SortKey<>(
                name,
                column,
                value -> value == null ? "" : value.toString(),
                text -> text.isEmpty() ? null : Integer.valueOf(text));
    }
}
