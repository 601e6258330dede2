package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.store.ResourceStore;
import io.keel.it.FreshPostgres;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache of rows on PostgreSQL by default (issue 20: never a stale answer, also with several instances on one
 * database): an instance caches only while it is the only one registered there, gives that up before another
 * writes, and commits nothing once its registration has lapsed ({@link SoleInstance}). Skipped unless
 * {@value FreshPostgres#SERVER} names a PostgreSQL server.
 */
class SoleInstanceTest {
    /** A registration that is never renewed during a test: it lapses after 1.5 s, its cache 0.5 s sooner. */
    private static final SoleInstance.Timing UNRENEWED = new SoleInstance.Timing(1500, 600_000, 500);
    private FreshPostgres db;
    private Settings settings;

    @BeforeEach
    void database() {
        String server = FreshPostgres.serverFromEnvironment();
        Assumptions.assumeTrue(server != null, "no PostgreSQL server named by " + FreshPostgres.SERVER);
        db = FreshPostgres.create(server, "sole_instance");
        Map<String, String> values = Map.of("keel.db.url", db.url());
        settings = new Settings(values::get);
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anInstanceAloneOnItsDatabaseAnswersFromTheCache() {
        try (ResourceStore a = Database.open(settings)) {
            CachedPath.insert(a);
            assertEquals(7, CachedPath.mni(a));
            long hits = a.rowCache().hits();
            assertEquals(7, CachedPath.mni(a));
            assertEquals(hits + CachedPath.PATH.size(), a.rowCache().hits(), "the second read takes every row from the cache");
        }
    }

    @Test
    void anotherInstanceOpeningTheDatabaseTurnsTheFirstOnesCacheOffBeforeItWrites_andOnItsLeavingItIsOnAgain()
            throws Exception {
        try (ResourceStore a = Database.open(settings)) {
            CachedPath.insert(a);
            assertEquals(7, CachedPath.mni(a));
            assertEquals(7, CachedPath.mni(a)); // cached
            try (ResourceStore b = Database.open(settings)) {
                CachedPath.setMni(b, 8);
                assertEquals(8, CachedPath.mni(a), "a sees b's acknowledged write at once");
                long hits = a.rowCache().hits();
                assertEquals(8, CachedPath.mni(a));
                assertEquals(hits, a.rowCache().hits(), "nothing is taken from a's cache while b is there");
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            long hits;
            do {
                Thread.sleep(100);
                assertEquals(8, CachedPath.mni(a));
                hits = a.rowCache().hits();
                assertEquals(8, CachedPath.mni(a));
            } while (a.rowCache().hits() == hits && System.nanoTime() < deadline);
            assertEquals(hits + CachedPath.PATH.size(), a.rowCache().hits(), "alone again, a caches again");
        }
    }

    @Test
    void anInstanceWhoseRegistrationWasRemovedCommitsNothing() throws Exception {
        try (ResourceStore a = Database.open(settings, UNRENEWED)) {
            CachedPath.insert(a);
            sql("DELETE FROM keel_instance"); // as another instance does with a row that lapsed
            assertThrows(PersistenceException.class, () -> CachedPath.setMni(a, 9));
            try (ResourceStore b = Database.open(settings)) {
                assertEquals(7, CachedPath.mni(b), "the refused write did not commit");
            }
        }
    }

    @Test
    void anInstanceThatStopsRenewingStopsUsingItsCacheBeforeItsRegistrationLapses_andAnotherTakesTheDatabaseThen()
            throws Exception {
        try (ResourceStore a = Database.open(settings, UNRENEWED)) {
            CachedPath.insert(a);
            assertEquals(7, CachedPath.mni(a));
            long hits = a.rowCache().hits();
            assertEquals(7, CachedPath.mni(a));
            assertEquals(hits + CachedPath.PATH.size(), a.rowCache().hits(), "cached while its registration holds");
            Thread.sleep(1100); // past the term less the margin, not past the term
            hits = a.rowCache().hits();
            assertEquals(7, CachedPath.mni(a));
            assertEquals(hits, a.rowCache().hits(), "not cached once the term less the margin has passed");
            long opening = System.nanoTime();
            try (ResourceStore b = Database.open(settings)) {
                assertTrue(System.nanoTime() - opening < 5_000_000_000L, "b waited no longer than a's term");
                CachedPath.setMni(b, 8);
                assertEquals(8, CachedPath.mni(a));
                assertThrows(PersistenceException.class, () -> CachedPath.setMni(a, 9), "a's lapsed registration was removed");
                assertEquals(8, CachedPath.mni(b));
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
