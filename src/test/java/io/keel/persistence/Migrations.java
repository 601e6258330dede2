package io.keel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Keel's Flyway migrations on an H2 file database, for tests of what a migration does to rows stored before it. */
final class Migrations {

    private Migrations() {
    }

    /** A resource row with the columns every version has (rn the last segment of srn), as an older version stored it. */
    static void insertResource(Connection c, String ri, String pi, int ty, String srn) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO resource (ri, pi, ty, rn, srn, ct, lt, st, origin, attrs,"
                + " depth) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 'CAdmin', '{}', ?)")) {
            insert.setString(1, ri);
            insert.setString(2, pi);
            insert.setInt(3, ty);
            insert.setString(4, srn.substring(srn.lastIndexOf('/') + 1));
            insert.setString(5, srn);
            insert.setInt(6, srn.split("/").length);
            insert.executeUpdate();
        }
    }

    static FluentConfiguration on(String h2Url) {
        return Flyway.configure(Migrations.class.getClassLoader()).locations("classpath:db/migration").dataSource(h2Url, "", "")
                .placeholders(Database.placeholders(false));
    }
}
