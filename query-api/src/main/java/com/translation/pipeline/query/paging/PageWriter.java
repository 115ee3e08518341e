package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.web.ResponseSpool;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import org.jooq.Record;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Page} as its rows arrive from the database into a {@link ResponseSpool} (memory,
 * then a temporary file), then sends it: the service holds one row at a time in its heap however
 * large the rows of a page are (a task may carry over half a megabyte of text), and the page's
 * connection goes back to the pool before the client reads a byte. The JSON is the {@link Page}
 * record's, written with the service's own mapper.
 */
@Component
public class PageWriter {

    private final JsonMapper json;
    private final ResponseSpool spool;

    PageWriter(JsonMapper json, ResponseSpool spool) {
        this.json = json;
        this.spool = spool;
    }

    /**
     * Writes the page as a 200 answer and closes it.
     *
     * @param view how a row appears in the answer
     * @throws IOException when the client goes away
     * @throws com.translation.pipeline.query.web.SpoolFullException when the answers waiting for
     *     their clients have no room for this one; nothing is sent
     */
    public <R extends Record> void write(
            HttpServletResponse response, PageStream<R> page, Function<R, ?> view)
            throws IOException {
        spool.send(
                response,
                MediaType.APPLICATION_JSON_VALUE,
                stream -> {
                    try (page;
                            JsonGenerator out = json.createGenerator(stream)) {
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
                });
    }
}
