package com.translation.pipeline.query.paging;

import com.translation.pipeline.query.web.InvalidParameterException;

/**
 * The paging parameters of a list request: {@code page} (from 1) and {@code page_size}, or a {@code
 * cursor} from a previous page, with the sort order.
 */
public record PageRequest(int page, int pageSize, String cursor, boolean descending) {

    /** The rows before this page in offset mode, without overflow at any page number. */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    public static PageRequest of(
            String page,
            String pageSize,
            String cursor,
            String sortOrder,
            int defaultSize,
            int maxSize) {
        int size = pageSize == null ? defaultSize : integer("page_size", pageSize, maxSize);
        if (size < 1 || size > maxSize) {
            throw new InvalidParameterException(
                    "page_size", "must be a whole number from 1 to " + maxSize);
        }
        if (page != null && cursor != null) {
            throw new InvalidParameterException("cursor", "page and cursor cannot be combined");
        }
        int number = page == null ? 1 : integer("page", page, Integer.MAX_VALUE);
        if (number < 1) {
            throw new InvalidParameterException("page", "must be at least 1");
        }
        return new PageRequest(number, size, cursor, descending(sortOrder));
    }

    private static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.equals("desc")) {
            return true;
        }
        if (sortOrder.equals("asc")) {
            return false;
        }
        throw new InvalidParameterException("sort_order", "must be asc or desc");
    }

    private static int integer(String name, String value, int max) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a whole number from 1 to " + max);
        }
    }
}
