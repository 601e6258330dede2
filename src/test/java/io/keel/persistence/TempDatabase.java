package io.keel.persistence;

import io.keel.core.Settings;
import java.io.IOException;
import java.nio.file.Files;

/** An embedded H2 database in a new temporary directory, for the store's tests. */
final class TempDatabase {
    private TempDatabase() {
    }

    /** Settings that put the database in a new directory named after {@code prefix}. */
    static Settings settings(String prefix) throws IOException {
        String dir = Files.createTempDirectory(prefix).toString();
        return new Settings(key -> key.equals("keel.data.dir") ? dir : null);
    }

    /** A store on a new database. */
    static JpaResourceStore open(String prefix) throws IOException {
        return (JpaResourceStore) Database.open(settings(prefix));
    }
}
