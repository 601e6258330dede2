package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attribute index that attribute conditions (atr, TS-0004 7.3.3.17.x) are answered from follows each update: single
 * values changed in place (a container's cni and cbs at every contentInstance, one statement for both), and lists
 * rewritten; other resources' rows are left alone.
 */
class AttributeIndexTest {
    @Test
    void conditionsOnUpdatedCountersFindTheNewValuesOnly() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-attr-index")) {
            Resource cb = StoredResource.of("id-in", null, 5, "cse-in");
            store.write(tx -> {
                tx.tree().insert(cb);
                tx.tree().insert(container("c1", 1, 4));
                tx.tree().insert(container("c2", 1, 4));
                return null;
            });
            assertEquals(List.of("cse-in/c1", "cse-in/c2"), found(store, cb, "cni", "1"));

            update(store, "c1", Map.of("cni", 2L, "cbs", 8L)); // both counters: one statement
            assertEquals(List.of("cse-in/c1"), found(store, cb, "cni", "2"));
            assertEquals(List.of("cse-in/c2"), found(store, cb, "cni", "1"), "the other container's rows stay");
            assertEquals(List.of("cse-in/c1"), found(store, cb, "cbs", "8"));
            assertEquals(List.of("cse-in/c2"), found(store, cb, "cbs", "4"));

            update(store, "c2", Map.of("cni", 3L)); // one counter
            assertEquals(List.of("cse-in/c2"), found(store, cb, "cni", "3"));
            assertEquals(List.of("cse-in/c2"), found(store, cb, "cbs", "4"));
            assertEquals(List.of(), found(store, cb, "cni", "1"));

            update(store, "c1", Map.of("cni", 5L, "li", List.of("a", "b"))); // a list added: rewritten, not in place
            assertEquals(List.of("cse-in/c1"), found(store, cb, "cni", "5"));
            assertEquals(List.of("cse-in/c1"), found(store, cb, "li", "b"));
            assertEquals(List.of("cse-in/c1", "cse-in/c2"), found(store, cb, "mni", "10"), "unchanged values stay");
        }
    }

    private static Resource container(String ri, long cni, long cbs) {
        Resource c = StoredResource.of(ri, "id-in", 3, "cse-in/" + ri);
        c.attributes.put("mni", 10L);
        c.attributes.put("cni", cni);
        c.attributes.put("cbs", cbs);
        return c;
    }

    private static void update(ResourceStore store, String ri, Map<String, Object> changes) {
        store.write(tx -> {
            Resource r = tx.tree().lock(ri);
            r.attributes.putAll(changes);
            tx.tree().update(r);
            return null;
        });
    }

    private static List<String> found(ResourceStore store, Resource root, String name, String value) {
        FilterCriteria fc = new FilterCriteria();
        fc.attributes.add(new FilterCriteria.AttributeCondition(name, value));
        return store.read(tx -> tx.search().discover(root, fc, Visibility.EVERYTHING, null, 0, 100)).stream()
                .map(r -> r.srn).sorted().toList();
    }
}
