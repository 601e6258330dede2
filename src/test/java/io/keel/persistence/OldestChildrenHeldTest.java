package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceTree;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Under a parent a write transaction holds locked, the oldest children are read ahead for the writes sharing it (quota
 * trimming, TS-0004 7.4.6.2.1: the oldest instances go first): what later calls in the transaction get must be what the
 * database holds.
 */
class OldestChildrenHeldTest {
    @Test
    void oldestChildrenOneAfterTheOther_eachTheOldestLeft() throws Exception {
        try (JpaResourceStore store = open(3)) {
            List<String> removed = store.write(tx -> {
                ResourceTree tree = tx.tree();
                tree.lock("p");
                List<String> order = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Resource oldest = tree.oldestChildren("p", 4, 1).get(0);
                    order.add(oldest.ri);
                    tree.deleteSubtree(oldest, Set.of());
                }
                assertEquals(List.of(), tree.oldestChildren("p", 4, 1));
                return order;
            });
            assertEquals(List.of("c0", "c1", "c2"), removed);
            assertEquals(List.of(), store.read(tx -> tx.tree().oldestChildren("p", 4, 10)));
        }
    }

    @Test
    void anOldestChildWithAChildOfItsOwn_goesWithIt() throws Exception {
        try (JpaResourceStore store = open(2)) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("g", "c0", 24, "cse-in/p/c0/g"));
                return null;
            });
            store.write(tx -> {
                tx.tree().lock("p");
                tx.tree().deleteSubtree(tx.tree().oldestChildren("p", 4, 1).get(0), Set.of());
                return null;
            });
            assertNull(store.read(tx -> tx.tree().find("g")));
            assertEquals(List.of("c1"), store.read(tx -> tx.tree().oldestChildren("p", 4, 10)).stream().map(r -> r.ri).toList());
        }
    }

    @Test
    void aChildAddedAfterAllChildrenWereRead_isAmongThem() throws Exception {
        try (JpaResourceStore store = open(1)) {
            List<String> oldest = store.write(tx -> {
                ResourceTree tree = tx.tree();
                tree.lock("p");
                assertEquals(1, tree.oldestChildren("p", 4, 5).size());
                tree.insert(StoredResource.of("new", "p", 4, "cse-in/p/new"));
                return tree.oldestChildren("p", 4, 5).stream().map(r -> r.ri).toList();
            });
            assertEquals(List.of("c0", "new"), oldest);
        }
    }

    /** cse-in, its container p, and {@code n} contentInstances c0, c1, … created in that order. */
    private static JpaResourceStore open(int n) throws Exception {
        JpaResourceStore store = TempDatabase.open("keel-oldest-held");
        store.write(tx -> {
            tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
            tx.tree().insert(StoredResource.of("p", "id-in", 3, "cse-in/p"));
            java.time.Instant first = java.time.Instant.now().minusSeconds(60);
            for (int i = 0; i < n; i++) {
                tx.tree().insert(StoredResource.of("c" + i, "p", 4, "cse-in/p/c" + i, first.plusMillis(i)));
            }
            return null;
        });
        return store;
    }
}
