package io.keel.persistence;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Keel's Flyway migrations on an H2 file database, for tests of what a migration does to rows stored before it. */
final class Migrations {
    /** The start of an insert of a resource row with the columns every version has. */
    static final String INSERT_RESOURCE = "INSERT INTO resource (ri, pi, ty, rn, srn, ct, lt, st, origin, attrs, depth) VALUES ";

    private Migrations() {
    }

    static FluentConfiguration on(String h2Url) {
        return Flyway.configure(Migrations.class.getClassLoader()).locations("classpath:db/migration").dataSource(h2Url, "", "")
                .placeholders(Map.of("document_type", "CHARACTER LARGE OBJECT", "pattern_ops", "", "binary_collation", ""));
    }
}
