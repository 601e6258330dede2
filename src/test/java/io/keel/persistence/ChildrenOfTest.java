package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The children of a type of many parents read at once ({@code ResourceTree.childrenOf}) are what one query per
 * parent would answer: oldest first per parent, none of another type, no entry for a parent without any, and all
 * of them beyond one statement's share of parents.
 */
class ChildrenOfTest {
    @Test
    void childrenOfManyParentsAreWhatEachParentsQueryAnswers() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-children-of")) {
            List<String> parents = new ArrayList<>();
            Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in", t0));
                for (int i = 0; i < 1200; i++) {
                    String sub = "sub" + i;
                    parents.add(sub);
                    tx.tree().insert(StoredResource.of(sub, "id-in", 23, "cse-in/" + sub, t0));
                    if (i % 100 == 7) {
                        // Two schedules, the newer inserted first; and a child of another type.
                        tx.tree().insert(StoredResource.of(sub + "b", sub, 18, "cse-in/" + sub + "/b", t0.plusSeconds(2)));
                        tx.tree().insert(StoredResource.of(sub + "a", sub, 18, "cse-in/" + sub + "/a", t0.plusSeconds(1)));
                        tx.tree().insert(StoredResource.of(sub + "x", sub, 3, "cse-in/" + sub + "/x", t0));
                    }
                }
                return null;
            });
            store.read(tx -> {
                Map<String, List<Resource>> children = tx.tree().childrenOf(parents, 18);
                assertEquals(12, children.size(), "only the parents that have schedules");
                for (String sub : parents) {
                    List<String> expected = tx.tree().children(sub, 18).stream().map(r -> r.ri).toList();
                    List<String> got = children.getOrDefault(sub, List.of()).stream().map(r -> r.ri).toList();
                    assertEquals(expected, got, sub);
                }
                assertEquals(List.of("sub1107a", "sub1107b"), children.get("sub1107").stream().map(r -> r.ri).toList(),
                        "oldest first, past the first 500 parents");
                assertFalse(tx.tree().childrenOf(List.of(), 18).containsKey("sub7"));
                return null;
            });
        }
    }
}
