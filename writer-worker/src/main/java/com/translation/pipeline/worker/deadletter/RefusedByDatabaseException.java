package com.translation.pipeline.worker.deadletter;

import java.sql.SQLException;

/**
 * The database refused a valid event, alone in its statement, for what it contains; its message
 * becomes the dead letter's reason header and the SQL error its own headers.
 */
public class RefusedByDatabaseException extends RuntimeException {

    private final String sqlState;
    private final int errorCode;

    public RefusedByDatabaseException(SQLException error) {
        super(
                "refused by the database: SQLState "
                        + error.getSQLState()
                        + ", error "
                        + error.getErrorCode()
                        + ": "
                        + error.getMessage(),
                null,
                false,
                false);
        this.sqlState = String.valueOf(error.getSQLState());
        this.errorCode = error.getErrorCode();
    }

    public String sqlState() {
        return sqlState;
    }

    public int errorCode() {
        return errorCode;
    }
}
