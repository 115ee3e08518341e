package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.web.BusyException;

/**
 * Every turn to read a list page or a restore was taken for the whole wait ({@link ListReads}):
 * answered 503 with {@code Retry-After}, nothing read.
 */
public class ListReadsBusyException extends BusyException {

    /**
     * @param capacity the reads at once ({@code query.max-concurrent-list-reads})
     */
    ListReadsBusyException(int capacity) {
        super(
                "The "
                        + capacity
                        + " list pages and restores that may be read from the database at once"
                        + " (query.max-concurrent-list-reads) are all being read; retry later");
    }
}
