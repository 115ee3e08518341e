package com.translation.pipeline.query.replica;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * query-api's {@code DataSource} when a replica is configured: a connection to the replica for a
 * thread whose {@link ReadRoute} chose it, else to the primary. A replica connection that cannot be
 * had within the replica pool's connection timeout, or that does not answer a ping within a second
 * ({@link Connection#isValid}), is a primary one instead: the replica is marked unavailable until
 * its next check and the request goes on, on the primary.
 *
 * <p>The ping is on every replica connection handed out, because a pool hands out a connection used
 * within the last half second without a check (HikariCP's alive-bypass window): after the replica
 * is killed, every busy connection would fail its next read. It costs a round trip to the replica
 * per statement (jOOQ takes a connection per statement). A statement already running on the replica
 * when it dies fails; {@link ReplicaFailover} serves that read again on the primary.
 */
class ReadRoutingDataSource extends AbstractDataSource {

    static final int PING_TIMEOUT_SECONDS = 1;

    private final DataSource primary;
    private final HikariDataSource replica;
    private final ReadRoute route;
    private final ReplicaMonitor monitor;

    ReadRoutingDataSource(
            DataSource primary, HikariDataSource replica, ReadRoute route, ReplicaMonitor monitor) {
        this.primary = primary;
        this.replica = replica;
        this.route = route;
        this.monitor = monitor;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (route.onReplica()) {
            try {
                Connection connection = replica.getConnection();
                if (connection.isValid(PING_TIMEOUT_SECONDS)) {
                    return connection;
                }
                replica.evictConnection(connection);
                monitor.unreachable(new SQLException("a replica connection did not answer a ping"));
            } catch (SQLException e) {
                monitor.unreachable(e);
            }
            route.fallBack(ReadRoute.Reason.UNAVAILABLE);
        }
        return primary.getConnection();
    }

    /** Not supported: each pool has its own credentials. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("query-api's pools take no credentials per connection");
    }
}
