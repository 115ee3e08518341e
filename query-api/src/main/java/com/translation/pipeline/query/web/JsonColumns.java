package com.translation.pipeline.query.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.JSON;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Column values as the API returns them: JSON columns as JSON, DATETIME(6) as UTC instants. Numbers
 * with a fraction or exponent are read as {@link java.math.BigDecimal}, so they are answered as the
 * database gives them (MySQL: the shortest form of the stored double), never through a double of
 * this JVM's printing.
 */
public final class JsonColumns {

    private static final JsonMapper JSON_MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .build();

    private JsonColumns() {}

    public static JsonNode read(JSON json) {
        return json == null ? null : JSON_MAPPER.readTree(json.data());
    }

    public static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
