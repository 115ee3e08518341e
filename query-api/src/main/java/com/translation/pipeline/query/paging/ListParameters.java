package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.QueryProperties;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The sort and paging query parameters every list takes: {@code sort_by}, {@code sort_order},
 * {@code page}, {@code page_size}, {@code cursor}. Read as text, so that a bad value gets a 400
 * naming its parameter.
 */
public record ListParameters(
        @Parameter(name = "sort_by", description = "the column to sort by") @BindParam("sort_by")
                String sortBy,
        @Parameter(
                        name = "sort_order",
                        description = "asc or desc (the default)",
                        schema = @Schema(allowableValues = {"asc", "desc"}))
                @BindParam("sort_order")
                String sortOrder,
        @Parameter(
                        description = "page number from 1, offset paging",
                        schema = @Schema(type = "integer", minimum = "1"))
                String page,
        @Parameter(
                        name = "page_size",
                        description = "rows per page, 1 to the maximum (500)",
                        schema = @Schema(type = "integer", minimum = "1"))
                @BindParam("page_size")
                String pageSize,
        @Parameter(description = "next_cursor of a previous page, keyset paging") String cursor) {

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
