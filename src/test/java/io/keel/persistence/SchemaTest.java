package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.store.ResourceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A start skips Flyway only when the schema is that of the newest migration. */
class SchemaTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void theVersionIsThatOfTheNewestMigration() throws Exception {
        int newest;
        try (Stream<Path> files = Files.list(Path.of("persistence/db/migration"))) {
            newest = files.map(f -> VERSIONED.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertEquals(String.valueOf(newest), Schema.VERSION, "Schema.VERSION names the newest migration");
    }

    @Test
    void aNewDatabaseIsNotCurrent_oneMigratedIs_andOneWhoseNewestStepFailedIsNot() throws Exception {
        Path dir = Files.createTempDirectory("keel-schema");
        String url = "jdbc:h2:file:" + dir.resolve("keel") + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url)) {
            assertFalse(Schema.current(c), "no history");
            try (ResourceStore store = Database.open(new Settings(key -> key.equals("keel.db.url") ? url : null))) {
                assertTrue(Schema.current(c), "migrated by the store's opening");
            }
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '" + Schema.VERSION + "'");
            }
            assertFalse(Schema.current(c), "the newest step failed: Flyway is to say so");
        }
    }
}
