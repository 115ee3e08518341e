package com.translation.pipeline.query.paging;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import org.jooq.Record;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Page} as its rows arrive from the database: the answer never holds more than one
 * row, however large the rows of a page are (a task may carry over half a megabyte of text). The
 * JSON is the {@link Page} record's, written with the service's own mapper.
 */
@Component
public class PageWriter {

    private final JsonMapper json;

    PageWriter(JsonMapper json) {
        this.json = json;
    }

    /**
     * Writes the page as a 200 answer and closes it.
     *
     * @param view how a row appears in the answer
     * @throws IOException when the client goes away
     */
    public <R extends Record> void write(
            HttpServletResponse response, PageStream<R> page, Function<R, ?> view)
            throws IOException {
        try (page) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
                out.writeStartObject();
                out.writeName("items");
                out.writeStartArray();
                R last = null;
                int rows = 0;
                for (R row : page.rows()) {
                    out.writePOJO(view.apply(row));
                    last = row;
                    rows++;
                }
                out.writeEndArray();
                out.writePOJOProperty("page", page.page());
                out.writeNumberProperty("page_size", page.pageSize());
                out.writePOJOProperty("total", page.total());
                out.writePOJOProperty(
                        "next_cursor",
                        rows < page.pageSize() ? null : page.cursorAfter().apply(last));
                out.writeEndObject();
            }
        }
    }
}
