package com.translation.pipeline.schema.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;

/**
 * The jOOQ dialect of the server actually connected. A {@code jdbc:mysql:} URL may point at
 * MariaDB, which rejects the MYSQL dialect's {@code INSERT ... AS alias ON DUPLICATE KEY UPDATE}
 * and {@code cast(? as json)}; so the URL is not enough and the server's version decides.
 */
public final class ServerDialect {

    private ServerDialect() {}

    /**
     * Settings every DSLContext of the pipeline uses. MariaDB understands {@code INSERT ...
     * RETURNING}, which jOOQ then uses to refresh a stored record's key, but Connector/J (the one
     * driver we use for both servers) refuses to run an INSERT as a query; our keys are never
     * generated, so there is nothing to fetch back.
     *
     * <p>IN lists are padded to powers of two (the last value repeated): statements are prepared on
     * the server and cached per connection, and a list of any length would otherwise be a statement
     * of its own.
     */
    public static Settings settings() {
        return new Settings().withReturnIdentityOnUpdatableRecord(false).withInListPadding(true);
    }

    public static SQLDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return ofVersion(connection.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database server's version", e);
        }
    }

    /** MARIADB for a version string such as {@code 11.4.5-MariaDB}, MYSQL otherwise. */
    public static SQLDialect ofVersion(String productVersion) {
        return productVersion.toLowerCase(Locale.ROOT).contains("mariadb")
                ? SQLDialect.MARIADB
                : SQLDialect.MYSQL;
    }
}
