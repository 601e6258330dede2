package io.keel.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The PostgreSQL run of the integration suite (pom.xml, profile {@code postgres-it}): when the system property
 * {@value #PROPERTY} names a PostgreSQL server, every CSE of the run (the deployed WAR, {@code java -jar keel.war})
 * uses a fresh database on it through {@code keel.db.url}, created before the first test and dropped after the last.
 * Without the property (unit tests, the H2 run) it only stops the shared deployment at the end
 * ({@link SharedWarContainer}).
 */
public final class PostgresSuiteDatabase implements LauncherSessionListener {
    static final String PROPERTY = "keel.it.postgres";
    private FreshPostgres database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String server = System.getProperty(PROPERTY);
        if (server != null && !server.isBlank()) {
            database = FreshPostgres.create(server.trim(), "suite");
            System.setProperty("keel.db.url", database.url());
        }
    }

    /** The JVM's shared Keel stops first: cleanly, and before its database goes. */
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedWarContainer.stopShared();
        if (database != null) {
            database.close();
            System.clearProperty("keel.db.url");
            database = null;
        }
    }
}
