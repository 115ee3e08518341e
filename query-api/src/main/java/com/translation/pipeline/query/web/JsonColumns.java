package com.translation.pipeline.query.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.JSON;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Column values as the API returns them: JSON columns as JSON, DATETIME(6) as UTC instants. */
public final class JsonColumns {

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    private JsonColumns() {}

    public static JsonNode read(JSON json) {
        return json == null ? null : JSON_MAPPER.readTree(json.data());
    }

    public static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
