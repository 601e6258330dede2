package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Transaction;
import io.keel.core.store.TransactionListener;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Writes under one parent that wait for each other share one transaction and one durable commit
 * ({@code ResourceStore.writeUnder}), and each still succeeds or fails alone.
 */
class WriteUnderTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void writesWaitingForOneParentCommitTogether_andARefusedOneAloneIsRolledBack() throws Exception {
        try (JpaResourceStore store = open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = holdingTheLock(store, release, tx -> child(tx, "a", "a"));
            CompletableFuture<String> b = queued(store, 1, tx -> child(tx, "b", "b"));
            CompletableFuture<String> c = queued(store, 2, tx -> {
                child(tx, "c", "c");
                throw OneM2MException.badRequest("refused after writing");
            });
            CompletableFuture<String> d = queued(store, 3, tx -> child(tx, "d", "d"));
            release.countDown();

            assertEquals("a", first.get(10, TimeUnit.SECONDS));
            assertEquals("b", b.get(10, TimeUnit.SECONDS));
            assertEquals("d", d.get(10, TimeUnit.SECONDS));
            ExecutionException refused = assertThrows(ExecutionException.class, () -> c.get(10, TimeUnit.SECONDS));
            assertEquals(ResponseStatusCode.BAD_REQUEST, ((OneM2MException) refused.getCause()).rsc());
            assertEquals(List.of("cse-in/p/a", "cse-in/p/b", "cse-in/p/d"), children(store));
            // b, c and d ran in one transaction: d was written before b's commit was told, and c was rolled back.
            assertTrue(events.indexOf("wrote d") < events.indexOf("committed b"), events.toString());
            assertTrue(events.contains("rolled back c") && !events.contains("committed c"), events.toString());
        }
    }

    @Test
    void aNameTakenTwiceInOneTurn_isAConflictForTheSecondWriteOnly() throws Exception {
        try (JpaResourceStore store = open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = holdingTheLock(store, release, tx -> "first");
            CompletableFuture<String> b = queued(store, 1, tx -> child(tx, "b", "x"));
            CompletableFuture<String> d = queued(store, 2, tx -> child(tx, "d", "x"));
            release.countDown();

            assertEquals("first", first.get(10, TimeUnit.SECONDS));
            assertEquals("b", b.get(10, TimeUnit.SECONDS));
            ExecutionException conflict = assertThrows(ExecutionException.class, () -> d.get(10, TimeUnit.SECONDS));
            assertEquals(ResponseStatusCode.CONFLICT, ((OneM2MException) conflict.getCause()).rsc());
            assertEquals(List.of("cse-in/p/x"), children(store));
            assertEquals("b", store.read(tx -> tx.tree().findByStructuredName("cse-in/p/x")).ri);
        }
    }

    @Test
    void aTurnCountsOnTheParentEveryWriteThatCommitted_andNotTheRefusedOne() throws Exception {
        try (JpaResourceStore store = open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = holdingTheLock(store, release, tx -> countedChild(tx, "a"));
            CompletableFuture<String> b = queued(store, 1, tx -> countedChild(tx, "b"));
            CompletableFuture<String> c = queued(store, 2, tx -> {
                countedChild(tx, "c");
                throw OneM2MException.badRequest("refused after counting");
            });
            CompletableFuture<String> d = queued(store, 3, tx -> countedChild(tx, "d"));
            release.countDown();

            assertEquals("a", first.get(10, TimeUnit.SECONDS));
            assertEquals("b", b.get(10, TimeUnit.SECONDS));
            assertEquals("d", d.get(10, TimeUnit.SECONDS));
            assertThrows(ExecutionException.class, () -> c.get(10, TimeUnit.SECONDS));
            // d counted after c's refusal: from the parent as c left it in the database (2), not in memory (3).
            assertEquals(3L, store.read(tx -> tx.tree().find("p")).getLong("cni", 0));
            assertEquals(List.of("cse-in/p/a", "cse-in/p/b", "cse-in/p/d"), children(store));
        }
    }

    @Test
    void aTurnThatTrimsItsParent_deletesTheOldestChildrenAndTheirChildren_andKeepsItsOwn() throws Exception {
        try (JpaResourceStore store = open()) {
            store.write(tx -> {
                for (String ri : List.of("o1", "o2", "o3")) {
                    tx.tree().insert(StoredResource.of(ri, "p", 4, "cse-in/p/" + ri));
                }
                // A semanticDescriptor under the second oldest: it goes with it.
                tx.tree().insert(StoredResource.of("o2d", "o2", 24, "cse-in/p/o2/d"));
                return null;
            });
            createTrimming(store, 3);
            assertEquals(List.of("cse-in/p/a", "cse-in/p/b", "cse-in/p/c"), children(store));
            assertNull(store.read(tx -> tx.tree().find("o2d")), "a child outlived its trimmed parent");
        }
    }

    @Test
    void aChildAddedAndTrimmedInOneTurn_isGone() throws Exception {
        try (JpaResourceStore store = open()) {
            // As a container with mni 1: each create removes the one before it, also one of the same turn.
            createTrimming(store, 1);
            assertEquals(List.of("cse-in/p/c"), children(store));
        }
    }

    @Test
    void aParentLockedTwiceInOneWrite_showsTheSubscriptionsCountedInBetween() throws Exception {
        try (JpaResourceStore store = open()) {
            int counted = store.write(tx -> {
                tx.tree().lock("p");
                tx.tree().countSubscriptions("p", 2);
                return tx.tree().lock("p").subscriptions;
            });
            assertEquals(2, counted);
        }
    }

    /**
     * A write under p that locks it and, once {@code release} opens, does {@code then}; returned once it holds the lock,
     * so that the writes started after it wait for their turn.
     */
    private static CompletableFuture<String> holdingTheLock(JpaResourceStore store, CountDownLatch release,
                                                            Function<Transaction, String> then) throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> store.writeUnder("p", tx -> {
            tx.tree().lock("p");
            locked.countDown();
            await(release);
            return then.apply(tx);
        }));
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        return write;
    }

    private JpaResourceStore open() throws Exception {
        JpaResourceStore store = TempDatabase.open("keel-write-under");
        store.write(tx -> {
            tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
            tx.tree().insert(StoredResource.of("p", "id-in", 3, "cse-in/p"));
            return null;
        });
        return store;
    }

    /** Locks the parent, as a create does, and adds child {@code ri} named {@code rn}; tells the outcome to events. */
    private String child(Transaction tx, String ri, String rn) {
        tx.tree().lock("p");
        tx.tree().insert(StoredResource.of(ri, "p", 4, "cse-in/p/" + rn));
        events.add("wrote " + ri);
        tx.listener(Told.class, () -> new Told(ri));
        return ri;
    }

    /** As a contentInstance's create: locks the parent, adds child {@code ri} and counts it in the parent's cni. */
    private String countedChild(Transaction tx, String ri) {
        Resource parent = tx.tree().lock("p");
        parent.attributes.put("cni", parent.getLong("cni", 0) + 1);
        tx.tree().update(parent);
        tx.tree().insert(StoredResource.of(ri, "p", 4, "cse-in/p/" + ri));
        return ri;
    }

    /** Creates a, alone, then b and c in one turn, each trimming p to {@code quota} children. */
    private void createTrimming(JpaResourceStore store, int quota) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = holdingTheLock(store, release, tx -> trimmingChild(tx, "a", quota));
        CompletableFuture<String> b = queued(store, 1, tx -> trimmingChild(tx, "b", quota));
        CompletableFuture<String> c = queued(store, 2, tx -> trimmingChild(tx, "c", quota));
        release.countDown();
        assertEquals("a", first.get(10, TimeUnit.SECONDS));
        assertEquals("b", b.get(10, TimeUnit.SECONDS));
        assertEquals("c", c.get(10, TimeUnit.SECONDS));
    }

    /**
     * As a contentInstance's create into a container with mni {@code quota}: adds child {@code ri}, then removes the
     * oldest children beyond the quota, oldest first.
     */
    private String trimmingChild(Transaction tx, String ri, int quota) {
        tx.tree().lock("p");
        tx.tree().insert(StoredResource.of(ri, "p", 4, "cse-in/p/" + ri));
        int over = tx.tree().oldestChildren("p", 4, 64).size() - quota;
        for (Resource oldest : over > 0 ? tx.tree().oldestChildren("p", 4, over) : List.<Resource>of()) {
            tx.tree().deleteSubtree(oldest, java.util.Set.of());
        }
        return ri;
    }

    private final class Told implements TransactionListener {
        private final String ri;

        Told(String ri) {
            this.ri = ri;
        }

        @Override
        public void afterCompletion(boolean committed) {
            events.add((committed ? "committed " : "rolled back ") + ri);
        }
    }

    private static List<String> children(ResourceStore store) {
        return store.read(tx -> tx.tree().oldestChildren("p", 4, 10)).stream().map((Resource r) -> r.srn).sorted().toList();
    }

    /** A write under p, returned once it is the {@code position}th waiting for its turn. */
    private static CompletableFuture<String> queued(JpaResourceStore store, int position, Function<Transaction, String> work)
            throws InterruptedException {
        CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> store.writeUnder("p", work));
        for (int i = 0; i < 1000 && store.waitingUnder("p") < position; i++) {
            Thread.sleep(10);
        }
        assertEquals(position, store.waitingUnder("p"));
        return write;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
