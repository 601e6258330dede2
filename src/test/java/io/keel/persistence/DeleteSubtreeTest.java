package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import io.keel.it.OwnThread;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ResourceTree.deleteSubtree}: a child created under the resource while it is being deleted (its create holds
 * the resource's lock, and commits while the deletion waits for it) goes with it, never outliving its parent.
 */
class DeleteSubtreeTest {
    @Test
    void aChildCommittedWhileItsParentIsDeletedGoesWithIt() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-delete-subtree")) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                tx.tree().insert(StoredResource.of("p", "id-in", 3, "cse-in/p"));
                tx.tree().insert(StoredResource.of("r", "p", 4, "cse-in/p/r"));
                return null;
            });
            Resource r = store.read(tx -> tx.tree().find("r"));
            CountDownLatch childWritten = new CountDownLatch(1);
            CountDownLatch commitChild = new CountDownLatch(1);
            // A semanticDescriptor created under the contentInstance: its create locks the parent first.
            CompletableFuture<Object> create = OwnThread.supply(() -> store.write(tx -> {
                tx.tree().lock("r");
                tx.tree().insert(StoredResource.of("c", "r", 24, "cse-in/p/r/c"));
                childWritten.countDown();
                await(commitChild);
                return null;
            }));
            await(childWritten);
            CompletableFuture<Object> delete = OwnThread.supply(() -> store.write(tx -> {
                tx.tree().deleteSubtree(r, Set.of());
                return null;
            }));
            Thread.sleep(300); // the deletion now waits for the create's lock on r
            commitChild.countDown();
            create.get(20, TimeUnit.SECONDS);
            delete.get(20, TimeUnit.SECONDS);

            assertNull(store.read(tx -> tx.tree().find("r")));
            assertNull(store.read(tx -> tx.tree().find("c")), "the child outlived its deleted parent");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
