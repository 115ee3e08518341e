package com.translation.pipeline.worker.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * How large one upsert may be: at most {@code maxRows} rows, and fewer bytes than the server's
 * {@code max_allowed_packet} (read from the server, again after it refused a statement as too
 * large), less a reserve for the statement's own text. A row larger than that alone cannot be
 * stored on this server at all.
 */
final class StatementLimits {

    /** Room for the statement's text around the values (column lists, guards, punctuation). */
    static final long STATEMENT_RESERVE_BYTES = 64 * 1024;

    /** What a non-text value can take at most as SQL text (a timestamp literal is 28 bytes). */
    private static final int SCALAR_BYTES = 32;

    private final int maxRows;
    private final long configuredMaxBytes;
    private final AtomicLong serverMaxBytes = new AtomicLong();

    /**
     * @param maxRows the most rows per statement
     * @param configuredMaxBytes the most bytes per statement; 0 takes the server's limit
     */
    StatementLimits(int maxRows, long configuredMaxBytes) {
        this.maxRows = maxRows;
        this.configuredMaxBytes = configuredMaxBytes;
    }

    /** The most bytes of values one statement may carry, in bytes. */
    long maxBytes(DSLContext db) {
        if (configuredMaxBytes > 0) {
            return configuredMaxBytes;
        }
        long known = serverMaxBytes.get();
        if (known == 0) {
            Long packet =
                    db.select(DSL.field("@@max_allowed_packet", Long.class))
                            .fetchOne(0, Long.class);
            known = Math.max(1024, packet - STATEMENT_RESERVE_BYTES);
            serverMaxBytes.set(known);
        }
        return known;
    }

    /** Forgets the server's limit, to read it again (it may have been lowered). */
    void refresh() {
        serverMaxBytes.set(0);
    }

    /** Splits rows, in order, into statements within both limits. */
    <R extends Record> List<List<R>> chunks(List<R> rows, long maxBytes) {
        List<List<R>> chunks = new ArrayList<>();
        List<R> chunk = new ArrayList<>();
        long bytes = 0;
        for (R row : rows) {
            long size = bytesAtMost(row);
            if (!chunk.isEmpty() && (chunk.size() == maxRows || bytes + size > maxBytes)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(row);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * An upper bound of a row's values as SQL text: UTF-8 takes at most 3 bytes per UTF-16 char,
     * and an escaped character is ASCII, 2 bytes.
     */
    static long bytesAtMost(Record row) {
        long bytes = 0;
        // get(i), not intoArray(): this runs for every row, and intoArray maps the record anew.
        for (int i = 0; i < row.size(); i++) {
            bytes += 3 + textLength(row.get(i)) * 3L;
        }
        return bytes;
    }

    /** A row's values as SQL text exactly: UTF-8 plus one byte per escaped character. */
    static long bytesExactly(Record row) {
        long bytes = 0;
        for (int column = 0; column < row.size(); column++) {
            String text = text(row.get(column));
            if (text == null) {
                bytes += SCALAR_BYTES;
                continue;
            }
            bytes += 3 + text.getBytes(StandardCharsets.UTF_8).length;
            for (int i = 0; i < text.length(); i++) {
                switch (text.charAt(i)) {
                    case '\'', '"', '\\', '\0', '\n', '\r', '\u001a' -> bytes++;
                    default -> {}
                }
            }
        }
        return bytes;
    }

    private static int textLength(Object value) {
        String text = text(value);
        return text == null ? SCALAR_BYTES / 3 : text.length();
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof JSON json) {
            return json.data();
        }
        return null;
    }
}
