package com.translation.pipeline.query.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code page} and {@code total} in offset mode, {@code next_cursor} whenever
 * more rows may follow (pass it as {@code cursor} for the next page, at any depth at the same
 * cost).
 */
public record Page<T>(List<T> items, Integer page, int pageSize, Long total, String nextCursor) {

    public <U> Page<U> map(Function<T, U> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, pageSize, total, nextCursor);
    }
}
