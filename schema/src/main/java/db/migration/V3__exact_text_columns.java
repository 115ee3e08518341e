package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every free-text column the character set {@code utf8mb4} and a binary collation without
 * trailing-space padding, whatever the database's defaults were when V1 created the tables.
 *
 * <ul>
 *   <li>{@code utf8mb4}: a server whose default is latin1 (MariaDB up to 11.5) stored any other
 *       character as {@code ?}. The contract accepts all of Unicode.
 *   <li>Binary, NO PAD: a default collation made {@code user_id = 'abc-R'} match {@code ABC-R},
 *       {@code abc-R } and accented variants. Identifiers must match only themselves, byte for
 *       byte.
 * </ul>
 *
 * <p>The collation has a different name on each server: MySQL's {@code utf8mb4_bin} pads trailing
 * spaces, its {@code utf8mb4_0900_bin} does not; MariaDB's {@code utf8mb4_0900_bin} is an alias of
 * its padding {@code utf8mb4_bin}, and {@code utf8mb4_nopad_bin} does not pad. A SQL migration
 * cannot name both, so this one is Java; it changes only columns that differ, so a database whose
 * columns are already right is not rebuilt.
 */
public class V3__exact_text_columns extends BaseJavaMigration {

    /** A column and its full definition but the character set and collation. */
    private record TextColumn(String table, String column, String type, boolean notNull) {}

    private static final List<TextColumn> COLUMNS =
            List.of(
                    new TextColumn("translation_session", "user_id", "VARCHAR(64)", false),
                    new TextColumn("translation_session", "source_language", "VARCHAR(35)", false),
                    new TextColumn("translation_session", "target_language", "VARCHAR(35)", false),
                    new TextColumn("translation_session", "title", "VARCHAR(512)", false),
                    new TextColumn("translation_task", "source_text", "MEDIUMTEXT", false),
                    new TextColumn("translation_task", "translated_text", "MEDIUMTEXT", false),
                    new TextColumn("translation_task", "error_message", "TEXT", false));

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String collation = exactCollation(connection);
        for (TextColumn column : COLUMNS) {
            if (!collation.equalsIgnoreCase(currentCollation(connection, column))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(
                            "ALTER TABLE "
                                    + column.table()
                                    + " MODIFY "
                                    + column.column()
                                    + " "
                                    + column.type()
                                    + " CHARACTER SET utf8mb4 COLLATE "
                                    + collation
                                    + (column.notNull() ? " NOT NULL" : " NULL"));
                }
            }
        }
    }

    /** The binary utf8mb4 collation without trailing-space padding of the connected server. */
    static String exactCollation(Connection connection) throws SQLException {
        String version = connection.getMetaData().getDatabaseProductVersion();
        return version.toLowerCase(Locale.ROOT).contains("mariadb")
                ? "utf8mb4_nopad_bin"
                : "utf8mb4_0900_bin";
    }

    private static String currentCollation(Connection connection, TextColumn column)
            throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement(
                        "SELECT COLLATION_NAME FROM information_schema.COLUMNS"
                                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                                + " AND COLUMN_NAME = ?")) {
            query.setString(1, column.table());
            query.setString(2, column.column());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
