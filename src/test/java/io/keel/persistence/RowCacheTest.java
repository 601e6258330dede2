package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.resource.Resource;
import io.keel.core.store.CacheUsage;
import io.keel.core.store.ResourceStore;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache of rows (issue 20: never a stale answer): what read transactions found is reused only until a write
 * transaction commits, a row read while a commit runs is not kept, and it is on only where this process alone writes.
 */
class RowCacheTest {
    private static final List<String> PATH = List.of("cse-in", "cse-in/ae", "cse-in/ae/cnt");

    @Test
    void repeatedReadsAreAnsweredFromTheCache_andAWriteIsSeenByTheNextRead() throws Exception {
        String dir = Files.createTempDirectory("keel-rowcache").toString();
        try (ResourceStore store = Database.open(new Settings(key -> key.equals("keel.data.dir") ? dir : null))) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                tx.tree().insert(StoredResource.of("Cae", "id-in", 2, "cse-in/ae"));
                Resource cnt = StoredResource.of("cnt1", "Cae", 3, "cse-in/ae/cnt");
                cnt.attributes.put("mni", 7L);
                tx.tree().insert(cnt);
                return null;
            });
            assertEquals(7, mni(store));
            CacheUsage before = store.rowCache();
            assertEquals(7, mni(store));
            CacheUsage after = store.rowCache();
            assertEquals(before.hits() + PATH.size(), after.hits(), "the second read takes every row from the cache");
            assertEquals(before.misses(), after.misses());

            store.write(tx -> {
                Resource cnt = tx.tree().lock("cnt1");
                cnt.attributes.put("mni", 9L);
                tx.tree().update(cnt);
                return null;
            });
            assertEquals(9, mni(store), "a read after the write is acknowledged sees it");
            assertEquals(9, mni(store));
        }
    }

    @Test
    void aNameLookedUpInVainIsFoundOnceCreated() throws Exception {
        String dir = Files.createTempDirectory("keel-rowcache").toString();
        try (ResourceStore store = Database.open(new Settings(key -> key.equals("keel.data.dir") ? dir : null))) {
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
        String dir = Files.createTempDirectory("keel-rowcache").toString();
        Settings settings = new Settings(key -> key.equals("keel.data.dir") ? dir : null);
        try (ResourceStore a = Database.open(settings); ResourceStore b = Database.open(settings)) {
            a.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                tx.tree().insert(StoredResource.of("Cae", "id-in", 2, "cse-in/ae"));
                Resource cnt = StoredResource.of("cnt1", "Cae", 3, "cse-in/ae/cnt");
                cnt.attributes.put("mni", 7L);
                tx.tree().insert(cnt);
                return null;
            });
            assertEquals(7, mni(a));
            assertEquals(7, mni(b));
            b.write(tx -> {
                Resource cnt = tx.tree().lock("cnt1");
                cnt.attributes.put("mni", 8L);
                tx.tree().update(cnt);
                return null;
            });
            assertEquals(8, mni(a));
        }
    }

    @Test
    void aRowReadWhileACommitRunsOrBeforeOneIsNotKept() {
        RowCache cache = new RowCache();
        ResourceEntity row = new ResourceEntity();
        row.ri = "cnt1";
        row.srn = "cse-in/cnt";

        cache.commitBegins();
        assertEquals(-1, cache.readableEpoch(), "nothing read while a commit runs may be kept");
        cache.found(row, cache.readableEpoch());
        cache.commitEnded();
        assertFalse(cache.bySrn("cse-in/cnt", cache.readableEpoch()).found());

        long at = cache.readableEpoch();
        cache.commitBegins(); // a commit began after the read started: what it read may be older than the commit
        cache.found(row, at);
        cache.commitEnded();
        assertFalse(cache.bySrn("cse-in/cnt", cache.readableEpoch()).found());

        at = cache.readableEpoch();
        cache.found(row, at);
        RowCache.Lookup hit = cache.byRi("cnt1", cache.readableEpoch());
        assertTrue(hit.found());
        assertEquals("cse-in/cnt", hit.existing().srn);
        assertTrue(hit.existing() != row, "a copy, not the EntityManager's object");
        cache.commitBegins();
        assertFalse(cache.byRi("cnt1", at).found(), "not while a commit runs");
        cache.commitEnded();
        assertFalse(cache.byRi("cnt1", cache.readableEpoch()).found(), "nor after it");
    }

    @Test
    void theCacheHoldsAtMostItsLimit() {
        RowCache cache = new RowCache();
        long at = cache.readableEpoch();
        for (int i = 0; i <= RowCache.MAX_ENTRIES; i++) {
            cache.absent("cse-in/n" + i, at);
        }
        assertTrue(cache.bySrn("cse-in/n" + RowCache.MAX_ENTRIES, at).found());
        assertFalse(cache.bySrn("cse-in/n0", at).found(), "the oldest went when the limit was reached");
    }

    @Test
    void onlyADatabaseNoOtherProcessWritesToIsCached() {
        assertNotNull(Database.rowCache(settings(null), "jdbc:h2:file:/tmp/keel-x/keel;WRITE_DELAY=0"));
        assertNotNull(Database.rowCache(settings(null), "jdbc:h2:mem:keel-x"));
        assertNull(Database.rowCache(settings(null), "jdbc:h2:file:/tmp/keel-x/keel;AUTO_SERVER=TRUE"));
        assertNull(Database.rowCache(settings(null), "jdbc:h2:tcp://127.0.0.1:9092/keel"));
        assertNull(Database.rowCache(settings(null), "jdbc:postgresql://127.0.0.1:5432/keel"));
        assertNull(Database.rowCache(settings(null), null), "an app server's DataSource");
        assertNotNull(Database.rowCache(settings("on"), "jdbc:postgresql://127.0.0.1:5432/keel"));
        assertNull(Database.rowCache(settings("off"), "jdbc:h2:mem:keel-x"));
        assertSame(Database.rowCache(settings(null), "jdbc:h2:mem:keel-y;DB_CLOSE_DELAY=-1"),
                Database.rowCache(settings(null), "jdbc:h2:mem:keel-y"), "one cache per database");
        assertThrows(IllegalArgumentException.class, () -> Database.rowCache(settings("yes"), "jdbc:h2:mem:keel-x"));
    }

    private static Settings settings(String rowCache) {
        Map<String, String> values = rowCache == null ? Map.of() : Map.of("keel.db.row-cache", rowCache);
        return new Settings(values::get);
    }

    private static int mni(ResourceStore store) {
        return store.read(tx -> {
            tx.tree().prefetch(PATH);
            assertEquals("Cae", tx.tree().findByStructuredName("cse-in/ae").ri);
            return ((Number) tx.tree().findByStructuredName("cse-in/ae/cnt").get("mni")).intValue();
        });
    }
}
