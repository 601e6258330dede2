package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import java.util.concurrent.CompletableFuture;
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
}
