package com.translation.pipeline.bench;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The database's durability as production runs it, for benchmarks of the write path. */
final class Durability {

    private Durability() {}

    /** innodb_flush_log_at_trx_commit=1: every commit is flushed to disk before it returns. */
    static void flushEveryCommit(PipelineProcesses pipeline) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(
                                pipeline.database().jdbcUrl(""),
                                pipeline.database().username(),
                                pipeline.database().password());
                Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 1");
        }
    }
}
