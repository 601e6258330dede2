package io.keel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether the database's schema is already that of the newest migration: then a start asks one query instead of
 * loading Flyway and checking every migration against its history (a third of a second of a start's CPU).
 */
final class Schema {
    /** The version of the newest migration in persistence/db/migration ({@code SchemaTest} holds them equal). */
    static final String VERSION = "46";
    /** Flyway's history, its names quoted as Flyway writes them on H2 and PostgreSQL alike. */
    private static final String NEWEST = "SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
            + " ORDER BY \"installed_rank\" DESC";

    private Schema() {
    }

    /** Whether the newest step of the history applied {@link #VERSION} successfully; false also without a history. */
    static boolean current(Connection c) {
        try (PreparedStatement st = c.prepareStatement(NEWEST)) {
            st.setMaxRows(1);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && VERSION.equals(rs.getString(1)) && rs.getBoolean(2);
            }
        } catch (SQLException e) {
            return false; // no history yet (a new database): Flyway makes it
        }
    }
}
