package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.QueryProperties;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The sort and paging query parameters every list takes: {@code sort_by}, {@code sort_order},
 * {@code page}, {@code page_size}, {@code cursor}. Read as text, so that a bad value gets a 400
 * naming its parameter.
 */
public record ListParameters(
        @BindParam("sort_by") String sortBy,
        @BindParam("sort_order") String sortOrder,
        String page,
        @BindParam("page_size") String pageSize,
        String cursor) {

    public PageRequest toPageRequest(QueryProperties properties) {
        return PageRequest.of(
                page,
                pageSize,
                cursor,
                sortOrder,
                properties.defaultPageSize(),
                properties.maxPageSize());
    }
}
