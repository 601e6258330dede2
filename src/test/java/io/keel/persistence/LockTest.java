package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ResourceTree.lock}: once the lock is granted the row is the latest committed one, also when the transaction
 * read it before another transaction (another CSE on the same database) changed it.
 */
class LockTest {
    @Test
    void theLockedRowIsTheLatestCommittedOne_alsoWhenReadBefore() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-lock")) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                Resource cnt = StoredResource.of("cnt1", "id-in", 3, "cse-in/cnt");
                cnt.attributes.put("mni", 7L);
                tx.tree().insert(cnt);
                return null;
            });
            store.write(tx -> {
                assertEquals(7, ((Number) tx.tree().find("cnt1").get("mni")).intValue());
                // Another transaction changes the row meanwhile and commits.
                CompletableFuture.runAsync(() -> store.write(other -> {
                    Resource cnt = other.tree().lock("cnt1");
                    cnt.attributes.put("mni", 9L);
                    other.tree().update(cnt);
                    return null;
                })).join();
                Resource locked = tx.tree().lock("cnt1");
                assertEquals(9, ((Number) locked.get("mni")).intValue(), "the lock reads what committed meanwhile");
                assertEquals(9, ((Number) tx.tree().find("cnt1").get("mni")).intValue());
                assertNull(tx.tree().lock("none"));
                return null;
            });
            store.write(tx -> {
                Resource cnt = tx.tree().lock("cnt1");
                cnt.lbl.add("kept");
                cnt.attributes.put("mni", 11L);
                tx.tree().update(cnt);
                return null;
            });
            Resource after = store.read(tx -> tx.tree().find("cnt1"));
            assertEquals(11, ((Number) after.get("mni")).intValue());
            assertEquals(java.util.List.of("kept"), after.lbl);
        }
    }

    /**
     * A write that waits for a row another write holds longer than the database's lock timeout is a clear oneM2M error
     * (4008 REQUEST_TIMEOUT, TS-0004 table 6.6.3.3-1: the request could not be handled in time), not an internal
     * one, and leaves nothing written.
     */
    @Test
    void aLockNotGrantedInTimeIsARequestTimeout_andNothingIsWritten() throws Exception {
        String dir = Files.createTempDirectory("keel-lock-timeout").toString();
        Settings settings = new Settings(key -> key.equals("keel.db.url")
                ? "jdbc:h2:file:" + dir + "/keel;WRITE_DELAY=0;LOCK_TIMEOUT=200" : null);
        try (ResourceStore store = Database.open(settings)) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                tx.tree().insert(StoredResource.of("cnt1", "id-in", 3, "cse-in/cnt"));
                return null;
            });
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> store.write(tx -> {
                tx.tree().lock("cnt1");
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(held.await(30, TimeUnit.SECONDS));
            try {
                OneM2MException e = assertThrows(OneM2MException.class, () -> store.write(tx -> {
                    tx.tree().insert(StoredResource.of("cin1", "id-in", 4, "cse-in/cin1"));
                    tx.tree().lock("cnt1");
                    return null;
                }));
                assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, e.rsc());
                assertTrue(e.getMessage().contains("lock timeout"), e.getMessage());
            } finally {
                release.countDown();
            }
            holder.get(30, TimeUnit.SECONDS);
            assertNull(store.read(tx -> tx.tree().find("cin1")), "the timed-out write left nothing");
        }
    }
}
