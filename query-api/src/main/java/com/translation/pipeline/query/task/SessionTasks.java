package com.translation.pipeline.query.task;

import com.translation.pipeline.query.paging.ListReads;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import org.jooq.Cursor;

/**
 * Every task of one session as it is read, for a restore: an open cursor over a streaming result
 * set (one row in memory at a time). Close it when done; it holds a connection and a turn of {@link
 * ListReads} until then, as a list page does.
 *
 * @param rows the tasks by sequence (tasks without one first), then task_id
 * @param turn the read's turn, given back when it is closed
 */
public record SessionTasks(Cursor<TranslationTaskRecord> rows, ListReads.Turn turn)
        implements AutoCloseable {

    @Override
    public void close() {
        turn.closeAfter(rows);
    }
}
