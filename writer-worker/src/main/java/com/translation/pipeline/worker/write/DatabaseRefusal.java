package com.translation.pipeline.worker.write;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an error the database raises because of what a row contains, which no retry can fix, from
 * one of the database itself (down, connection lost, deadlock, lock wait timeout, full disk), which
 * is waited out. Only the first kind ever sends a record to the dead-letter topic, and only once
 * the record is isolated, alone in its statement.
 *
 * <p>A refusal is an SQLState of class 22 (data exception: too long, out of range, invalid value)
 * or 23 (integrity constraint violation: a CHECK constraint, NOT NULL), or one of the server errors
 * that report a refused value under the general SQLState HY000: 1265 (data truncated), 1366
 * (incorrect string value), 3819 (MySQL's check constraint violated). Everything else, including
 * errors this class does not know, counts as a failure of the database: a stall that an operator
 * sees is better than a valid record lost.
 */
public final class DatabaseRefusal {

    private static final Set<Integer> REFUSED_VALUE_ERRORS = Set.of(1265, 1366, 3819);

    private DatabaseRefusal() {}

    /** The SQL error behind {@code error} when it is a refusal of a row's content. */
    public static Optional<SQLException> of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isRefusal(sql)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** Whether the server or the driver refused a statement as larger than max_allowed_packet. */
    public static boolean isPacketTooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (sql.getErrorCode() == 1153
                            || String.valueOf(sql.getMessage()).contains("max_allowed_packet"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isRefusal(SQLException error) {
        String state = error.getSQLState();
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            return true;
        }
        return REFUSED_VALUE_ERRORS.contains(error.getErrorCode());
    }
}
