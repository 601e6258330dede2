package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.resource.Resource;
import io.keel.core.store.CacheUsage;
import io.keel.core.store.ResourceStore;
import io.keel.it.FreshPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The cache of rows (issue 20: never a stale answer): what read transactions found is reused only until a write
 * transaction commits, here or in another instance on the same database, and a row read while a commit runs is not
 * kept.
 */
class RowCacheTest {

    @Test
    void repeatedReadsAreAnsweredFromTheCache_andAWriteIsSeenByTheNextRead() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-rowcache")) {
            CachedPath.insert(store);
            assertEquals(7, CachedPath.mni(store));
            CacheUsage before = store.rowCache();
            assertEquals(7, CachedPath.mni(store));
            CacheUsage after = store.rowCache();
            assertEquals(before.hits() + CachedPath.PATH.size(), after.hits(), "the second read takes every row from the cache");
            assertEquals(before.misses(), after.misses());

            CachedPath.setMni(store, 9);
            assertEquals(9, CachedPath.mni(store), "a read after the write is acknowledged sees it");
            assertEquals(9, CachedPath.mni(store));
        }
    }

    @Test
    void whatAReadChangesInAResourceFromTheCacheIsNotSeenByTheNext() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-rowcache")) {
            CachedPath.insert(store);
            store.write(tx -> {
                Resource cnt = tx.tree().lock("cnt1");
                cnt.attributes.put("nested", new java.util.LinkedHashMap<>(Map.of("list", new java.util.ArrayList<>(List.of("a")))));
                tx.tree().update(cnt);
                return null;
            });
            for (int i = 0; i < 3; i++) {
                Resource cnt = store.read(tx -> {
                    tx.tree().prefetch(CachedPath.PATH);
                    return tx.tree().findByStructuredName("cse-in/ae/cnt");
                });
                assertEquals(Map.of("list", List.of("a")), cnt.get("nested"), "read " + i);
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) cnt.get("nested");
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) nested.get("list");
                list.add("changed by the reader");
                nested.put("more", 1);
                cnt.attributes.put("mni", 99L);
            }
            assertEquals(7, CachedPath.mni(store));
        }
    }

    @Test
    void aNameLookedUpInVainIsFoundOnceCreated() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-rowcache")) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                return null;
            });
            for (int i = 0; i < 2; i++) {
                assertNull(store.read(tx -> tx.tree().findByStructuredName("cse-in/ae")));
            }
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("Cae", "id-in", 2, "cse-in/ae"));
                return null;
            });
            assertEquals("Cae", store.read(tx -> tx.tree().findByStructuredName("cse-in/ae")).ri);
            store.write(tx -> {
                tx.tree().deleteSubtree(tx.tree().lock("Cae"), java.util.Set.of());
                return null;
            });
            assertNull(store.read(tx -> tx.tree().find("Cae")), "nor is a deleted one found by its ri");
            assertNull(store.read(tx -> tx.tree().findByStructuredName("cse-in/ae")));
        }
    }

    @Test
    void twoStoresOnOneDatabaseSeeEachOthersWrites() throws Exception {
        Settings settings = TempDatabase.settings("keel-rowcache");
        try (ResourceStore a = Database.open(settings); ResourceStore b = Database.open(settings)) {
            CachedPath.insert(a);
            assertEquals(7, CachedPath.mni(a));
            assertEquals(7, CachedPath.mni(b));
            CachedPath.setMni(b, 8);
            assertEquals(8, CachedPath.mni(a));
        }
    }

    @Test
    void twoInstancesOnOnePostgresqlDatabaseSeeEachOthersWrites() throws Exception {
        String server = FreshPostgres.serverFromEnvironment();
        Assumptions.assumeTrue(server != null, "no PostgreSQL server named by " + FreshPostgres.SERVER);
        try (FreshPostgres db = FreshPostgres.create(server, "row_cache")) {
            Map<String, String> values = Map.of("keel.db.url", db.url(), "keel.db.row-cache", "shared");
            Settings settings = new Settings(values::get);
            try (ResourceStore a = Database.open(settings); ResourceStore b = Database.open(settings)) {
                CachedPath.insert(a);
                assertEquals(7, CachedPath.mni(a));
                long hits = a.rowCache().hits();
                assertEquals(7, CachedPath.mni(a));
                assertEquals(hits + CachedPath.PATH.size(), a.rowCache().hits(), "the rows were cached");
                // Another instance (its own cache, its own process as far as a knows) changes the container.
                CachedPath.setMni(b, 8);
                assertEquals(8, CachedPath.mni(a), "a sees b's acknowledged write at once");
                b.write(tx -> {
                    tx.tree().deleteSubtree(tx.tree().lock("cnt1"), java.util.Set.of());
                    return null;
                });
                assertNull(a.read(tx -> tx.tree().find("cnt1")));
            }
        }
    }

    @Test
    void aRowReadWhileACommitRunsOrBeforeOneIsNotKept() {
        RowCache cache = new RowCache(null);
        ResourceEntity row = new ResourceEntity();
        row.ri = "cnt1";
        row.srn = "cse-in/cnt";

        cache.commitBegins();
        assertNull(cache.stamp(), "nothing read while a commit runs may be kept");
        cache.commitEnded();

        RowCache.Stamp at = cache.stamp();
        cache.commitBegins(); // a commit began while the row was read: it may be older than the commit
        assertFalse(cache.unchangedSince(at));
        cache.commitEnded();
        assertFalse(cache.unchangedSince(at), "nor after it");

        at = cache.stamp();
        assertTrue(cache.unchangedSince(at));
        cache.found(row, at);
        RowCache.Lookup hit = cache.byRi("cnt1", cache.stamp());
        assertTrue(hit.found());
        assertEquals("cse-in/cnt", hit.existing().srn);
        assertTrue(hit.existing() != row, "a copy, not the EntityManager's object");
        cache.commitBegins();
        assertFalse(cache.byRi("cnt1", at).found(), "not while a commit runs");
        cache.commitEnded();
        assertFalse(cache.byRi("cnt1", cache.stamp()).found(), "nor after it");
    }

    @Test
    void withOtherInstancesARowIsKeptOnlyIfNoCommitBeganAnywhereWhileItWasRead() {
        long[] counts = {4, 4};
        RowCache cache = new RowCache(new SharedCommits(new SharedCommitsTest.Counts(counts), System::nanoTime));
        ResourceEntity row = new ResourceEntity();
        row.ri = "cnt1";
        row.srn = "cse-in/cnt";
        RowCache.Stamp at = cache.stamp();
        counts[0] = 5; // another instance begins a commit while the row is read
        assertFalse(cache.unchangedSince(at));
        assertNull(cache.stamp(), "nor may anything be cached while it runs");
        counts[1] = 5;
        at = cache.stamp();
        assertTrue(cache.unchangedSince(at));
        cache.found(row, at);
        assertTrue(cache.bySrn("cse-in/cnt", cache.stamp()).found());
        counts[0] = 6;
        counts[1] = 6; // another instance committed since
        assertFalse(cache.bySrn("cse-in/cnt", cache.stamp()).found());
    }

    @Test
    void theCacheHoldsAtMostItsLimit() {
        RowCache cache = new RowCache(null);
        RowCache.Stamp at = cache.stamp();
        for (int i = 0; i <= RowCache.MAX_ENTRIES; i++) {
            cache.absent("cse-in/n" + i, at);
        }
        assertTrue(cache.bySrn("cse-in/n" + RowCache.MAX_ENTRIES, at).found());
        assertFalse(cache.bySrn("cse-in/n0", at).found(), "the oldest went when the limit was reached");
    }

    @Test
    void aDatabaseOtherProcessesMayWriteToIsCachedOnlyWhenTheyCountTheirCommitsOrThisInstanceIsAlone() {
        assertEquals(Database.RowCaching.LOCAL, Database.rowCache(settings(null), "jdbc:h2:file:/tmp/keel-x/keel;WRITE_DELAY=0", false));
        assertEquals(Database.RowCaching.LOCAL, Database.rowCache(settings(null), "jdbc:h2:mem:keel-x", false));
        assertEquals(Database.RowCaching.NONE, Database.rowCache(settings(null), "jdbc:h2:file:/tmp/keel-x/keel;AUTO_SERVER=TRUE", false));
        assertEquals(Database.RowCaching.NONE, Database.rowCache(settings(null), "jdbc:h2:tcp://127.0.0.1:9092/keel", false));
        assertEquals(Database.RowCaching.NONE, Database.rowCache(settings(null), null, false), "an app server's H2 DataSource");
        assertEquals(Database.RowCaching.SOLE, Database.rowCache(settings(null), "jdbc:postgresql://127.0.0.1:5432/keel", true));
        assertEquals(Database.RowCaching.SOLE, Database.rowCache(settings(null), null, true), "an app server's PostgreSQL");
        assertEquals(Database.RowCaching.SHARED, Database.rowCache(settings("shared"), "jdbc:postgresql://127.0.0.1:5432/keel", true));
        assertEquals(Database.RowCaching.SHARED, Database.rowCache(settings("shared"), null, true), "an app server's PostgreSQL");
        assertEquals(Database.RowCaching.NONE, Database.rowCache(settings("off"), "jdbc:h2:mem:keel-x", false));
        assertThrows(IllegalArgumentException.class, () -> Database.rowCache(settings("shared"), "jdbc:h2:tcp://127.0.0.1:9092/keel", false));
        assertThrows(IllegalArgumentException.class, () -> Database.rowCache(settings("yes"), "jdbc:h2:mem:keel-x", false));
    }

    private static Settings settings(String rowCache) {
        Map<String, String> values = rowCache == null ? Map.of() : Map.of("keel.db.row-cache", rowCache);
        return new Settings(values::get);
    }
}
