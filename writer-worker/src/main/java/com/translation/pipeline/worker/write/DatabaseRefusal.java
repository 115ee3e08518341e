package com.translation.pipeline.worker.write;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an error of the database itself, which is waited out, from one that a row's content causes,
 * which no retry can fix and which sends the row, alone, to the dead-letter topic.
 *
 * <ul>
 *   <li><b>The database itself</b> ({@link #isFailure}): a lost or refused connection (SQLState
 *       class 08, {@link SQLRecoverableException}), a rolled-back transaction (class 40: deadlock,
 *       serialization), {@link SQLTransientException}s, and the server errors that report a passing
 *       state under the general SQLState HY000: 1205 lock wait timeout, 1213 deadlock, 2006 and
 *       2013 connection gone, 1053 and 1927 shutdown and kill, 1290 and 1836 read-only (a
 *       failover), 1040 and 1203 too many connections, 3024 and 1317 query timeout or interrupted,
 *       1021 and 1114 disk or table full. Also the errors of the schema or the grants (class 42: a
 *       missing table, a denied command), which an operator must fix, never the data.
 *   <li><b>A row's content</b> ({@link #of}): any other SQL error. It is a refusal for certain when
 *       its SQLState is of class 22 (data exception), 23 (constraint) or 45 (a trigger's SIGNAL),
 *       or it is one of 1265, 1366, 3819 (refused values under HY000); otherwise the writer treats
 *       it as a refusal only when other rows of the same batch were written, and as a failure of
 *       the database when none could be.
 * </ul>
 */
public final class DatabaseRefusal {

    private static final Set<Integer> REFUSED_VALUE_ERRORS = Set.of(1265, 1366, 3819);
    private static final Set<Integer> PASSING_ERRORS =
            Set.of(
                    1205, 1213, 2006, 2013, 1053, 1927, 1290, 1836, 1040, 1203, 3024, 1317, 1021,
                    1114);

    private DatabaseRefusal() {}

    /** The SQL error behind {@code error} when it may be a refusal of a row's content. */
    public static Optional<SQLException> of(Throwable error) {
        SQLException sql = sqlError(error);
        return sql == null || isFailure(sql) ? Optional.empty() : Optional.of(sql);
    }

    /** Whether a refusal is certainly about the row's content, whatever the other rows did. */
    static boolean isCertain(SQLException error) {
        String state = String.valueOf(error.getSQLState());
        return state.startsWith("22")
                || state.startsWith("23")
                || state.startsWith("45")
                || REFUSED_VALUE_ERRORS.contains(error.getErrorCode());
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

    /** Whether an SQL error is the database's own (waited out), not a row's. */
    static boolean isFailure(SQLException error) {
        if (error instanceof SQLTransientException || error instanceof SQLRecoverableException) {
            return true;
        }
        String state = String.valueOf(error.getSQLState());
        return state.startsWith("08")
                || state.startsWith("40")
                || state.startsWith("42")
                || PASSING_ERRORS.contains(error.getErrorCode());
    }

    private static SQLException sqlError(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
