package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.web.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a keyset page ends: the last row's sort value and id, the sort it belongs to and a
 * fingerprint of the filters, so a cursor cannot be replayed against another query. Opaque to
 * clients: URL-safe Base64 of a small JSON object.
 */
record Cursor(String sort, boolean descending, String value, String id, String filters) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
    }

    static Cursor decode(String text) {
        try {
            Cursor cursor = JSON.readValue(Base64.getUrlDecoder().decode(text), Cursor.class);
            if (cursor == null
                    || cursor.sort() == null
                    || cursor.id() == null
                    || cursor.filters() == null) {
                throw new IllegalArgumentException("incomplete cursor");
            }
            return cursor;
        } catch (IllegalArgumentException | JacksonException e) {
            throw new InvalidParameterException("cursor", "not a cursor from a previous page");
        }
    }

    @Override
    public String toString() {
        return new String(JSON.writeValueAsBytes(this), StandardCharsets.UTF_8);
    }
}
