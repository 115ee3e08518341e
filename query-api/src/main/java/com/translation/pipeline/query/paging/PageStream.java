package com.translation.pipeline.query.paging;

import java.util.function.Function;
import org.jooq.Cursor;
import org.jooq.Record;

/**
 * One page of a list as it is read: its rows as an open cursor over a streaming result set (one row
 * in memory at a time), and what the answer says around them. Close it when done; it holds a
 * connection and a turn of {@link ListReads} until then.
 *
 * @param rows the page's rows, in order
 * @param page the page number in offset mode; null in keyset mode
 * @param pageSize the most rows the page holds
 * @param total the number of rows matching, in offset mode; null in keyset mode
 * @param cursorAfter the cursor of the page after a given last row
 * @param turn the page's turn to read ({@link ListReads}), given back when it is closed
 */
public record PageStream<R extends Record>(
        Cursor<R> rows,
        Integer page,
        int pageSize,
        Long total,
        Function<R, String> cursorAfter,
        ListReads.Turn turn)
        implements AutoCloseable {

    /**
     * Whether this page shows that some row matches its filter: a total over zero in offset mode,
     * else a first row on the page (read ahead, still served by {@link #rows}). False says only
     * that this page cannot tell: a keyset page past the last row is empty too.
     */
    public boolean showsAMatch() {
        return total != null ? total > 0 : rows.hasNext();
    }

    @Override
    public void close() {
        turn.closeAfter(rows);
    }
}
