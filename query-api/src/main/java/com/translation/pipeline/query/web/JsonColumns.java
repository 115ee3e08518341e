package com.translation.pipeline.query.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.JSON;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * Column values as the API returns them: JSON columns as the JSON text the database gives,
 * DATETIME(6) as UTC instants.
 */
public final class JsonColumns {

    private JsonColumns() {}

    /**
     * A JSON column's value as a node that writes the column's text into the answer as it is, not
     * parsed: its numbers are answered as the database gives them (MySQL: the shortest form of the
     * stored double), never through a number of this JVM's printing, and a read holds the text
     * only. Parsed into a tree, 64 KB of metadata of 13,000 numbers (within the contract's limit)
     * took about 1 MB of heap per read, and 190 clients reading such a task at once exhausted
     * query-api's 160 MB heap (docs/benchmarks.md, "Memory"). The column is valid JSON: MySQL's
     * JSON type and MariaDB's {@code json_valid} check refuse anything else.
     *
     * @param json the column's value; null for SQL NULL
     * @return a node writing {@code json}'s text verbatim, or null
     */
    public static JsonNode read(JSON json) {
        return json == null
                ? null
                : JsonNodeFactory.instance.rawValueNode(new RawValue(json.data()));
    }

    /**
     * @param utc a DATETIME(6) value, which the pipeline stores in UTC
     * @return the same instant, or null
     */
    public static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
